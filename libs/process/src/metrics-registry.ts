import { Registry, collectDefaultMetrics } from 'prom-client';

/** A process's Prometheus registry, with Node's own metrics (CPU, memory, event loop) in it; one per app instance. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
