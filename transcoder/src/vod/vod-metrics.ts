import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Worker } from 'bullmq';
import type { VodJobData, VodJobResult } from '#contracts';

/** Prometheus metrics of one vod transcoder process, fed by its worker's events. */
export class VodMetrics {
  readonly registry = new Registry();
  private readonly jobs = new Counter({
    name: 'vod_jobs_total',
    help: 'finished vod job attempts by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly active = new Gauge({
    name: 'vod_jobs_active',
    help: 'vod jobs running in this process',
    registers: [this.registry],
  });
  private readonly ffmpeg = new Histogram({
    name: 'vod_ffmpeg_seconds',
    help: 'time ffmpeg spent on a ladder',
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600],
    registers: [this.registry],
  });
  private readonly realtime = new Histogram({
    name: 'vod_realtime_factor',
    help: 'seconds of video transcoded per second of ffmpeg time',
    buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  watch(worker: Worker<VodJobData, VodJobResult>): void {
    worker.on('active', () => this.active.inc());
    worker.on('completed', (_job, r) => {
      this.active.dec();
      this.jobs.inc({ outcome: 'completed' });
      this.ffmpeg.observe(r.ffmpegSeconds);
      if (r.ffmpegSeconds > 0) this.realtime.observe(r.durationS / r.ffmpegSeconds);
    });
    worker.on('failed', (job, e) => {
      this.active.dec();
      this.jobs.inc({ outcome: e?.name === 'UnrecoverableError' ? 'unplayable' : 'retryable-error' });
      void job;
    });
  }
}
