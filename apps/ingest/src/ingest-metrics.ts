import { Counter, Gauge } from 'prom-client';
import { createMetricsRegistry } from '#process';

/** Ingest's Prometheus metrics; low cardinality on purpose (no per-event labels). */
export class IngestMetrics {
  readonly registry = createMetricsRegistry();
  readonly activeStreams: Gauge;
  readonly refused: Counter<'stage'>;
  readonly ended: Counter<'reason'>;
  readonly bytesIn: Counter;
  readonly liveJobsRequeued: Counter;

  constructor() {
    this.activeStreams = new Gauge({
      name: 'ingest_live_streams',
      help: 'streams being published now (accepted)',
      registers: [this.registry],
    });
    this.refused = new Counter({
      name: 'ingest_publishers_refused_total',
      help: 'publishers refused, by the check that refused them',
      labelNames: ['stage'],
      registers: [this.registry],
    });
    this.ended = new Counter({
      name: 'ingest_live_streams_ended_total',
      help: 'live streams ended, by reason',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.liveJobsRequeued = new Counter({
      name: 'ingest_live_jobs_requeued_total',
      help: 'live jobs queued again because Redis had lost them while their stream was being published',
      registers: [this.registry],
    });
    this.bytesIn = new Counter({
      name: 'ingest_received_bytes_total',
      help: 'bytes received from publishers (sampled at health reports)',
      registers: [this.registry],
    });
  }
}
