import type { Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import { createMetricsRegistry } from '#process';

// One registry per app instance (tests run several in one process); other modules register their metrics here.
export class ControlPlaneMetrics {
  readonly registry = createMetricsRegistry();
  readonly httpDuration = new Histogram<'method' | 'route' | 'status'>({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Work Redis had forgotten (a restart without persistence, an eviction) and a sweep queued again, by kind. */
  readonly reconciled = new Counter<'kind'>({
    name: 'queue_reconciled_total',
    help: 'Jobs queued again by a reconciliation sweep because Redis had lost them, by kind (vod, snapshot, reminder)',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  observeRequest(req: Request, res: Response, seconds: number): void {
    // The route pattern, not the path, so ids do not explode the label set.
    const pattern = (req.route as { path?: string } | undefined)?.path;
    const route = pattern ? `${req.baseUrl}${pattern}` : 'unmatched';
    this.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
  }
}
