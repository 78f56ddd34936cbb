import { Counter, Gauge, Histogram } from 'prom-client';
import { createMetricsRegistry } from '#process';

/** Prometheus metrics of one admission node, served at /metrics. */
export class AdmissionMetrics {
  readonly registry = createMetricsRegistry();
  readonly decisions = new Counter({
    name: 'admission_decisions_total',
    help: 'join decisions by outcome',
    labelNames: ['decision'],
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: 'admission_refusals_total',
    help: 'refused joins by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly decisionSeconds = new Histogram({
    name: 'admission_decision_seconds',
    help: 'from connection to decision',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly sockets = new Gauge({
    name: 'admission_sockets',
    help: 'attendee sockets on this node',
    registers: [this.registry],
  });
  readonly promotions = new Counter({
    name: 'admission_promotions_total',
    help: 'waiting attendees seated by this node',
    registers: [this.registry],
  });
  readonly heals = new Counter<'outcome'>({
    name: 'admission_healed_devices_total',
    help: 'Devices re-attached after the ledger was found lost (Redis restarted or lost the keys), by outcome (seated, waiting)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly lapses = new Counter({
    name: 'admission_lapsed_total',
    help: 'device leases this node freed after they lapsed',
    registers: [this.registry],
  });
}
