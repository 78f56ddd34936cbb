import http from 'node:http';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Ingest's Prometheus metrics; low cardinality on purpose (no per-event labels). */
export class IngestMetrics {
  readonly registry = new Registry();
  readonly activeStreams: Gauge;
  readonly refused: Counter<'stage'>;
  readonly ended: Counter<'reason'>;
  readonly bytesIn: Counter;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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
    this.bytesIn = new Counter({
      name: 'ingest_received_bytes_total',
      help: 'bytes received from publishers (sampled at health reports)',
      registers: [this.registry],
    });
  }
}

/** GET /health and GET /metrics on a small HTTP listener next to the RTMP one. */
export function startIngestHttp(
  host: string,
  port: number,
  metrics: IngestMetrics,
  health: () => Record<string, unknown>,
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...health() }));
    } else if (req.method === 'GET' && req.url === '/metrics') {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'not found: ingest answers GET /health and GET /metrics' }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
