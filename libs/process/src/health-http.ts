import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { HealthChecks, healthStatusCode, runHealthChecks } from './health-check';
import { localUrl } from './local-url';

/** GET /health of any process: the checks' report, 200 or 503 (health-check.ts holds the rule). */
export async function sendHealth(res: ServerResponse, checks: HealthChecks): Promise<void> {
  const report = await runHealthChecks(checks);
  res
    .writeHead(healthStatusCode(report), { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(report));
}

/** GET /metrics of any process: the registry in Prometheus text format. */
export async function sendMetrics(res: ServerResponse, registry: Registry): Promise<void> {
  const text = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType }).end(text);
}

export interface HealthServerOptions {
  host: string;
  port: number;
  checks: HealthChecks;
  registry: Registry;
}

export interface HealthServer {
  /** e.g. http://127.0.0.1:3300 (the real port when port was 0). */
  url: string;
  close(): Promise<void>;
}

/** /health and /metrics on a listener of their own, for a process with no other HTTP side (workers, ingest). */
export function startHealthServer(o: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const answer =
      req.method !== 'GET' && req.method !== 'HEAD'
        ? undefined
        : path === '/health'
          ? sendHealth(res, o.checks)
          : path === '/metrics'
            ? sendMetrics(res, o.registry)
            : undefined;
    if (!answer) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ statusCode: 404, message: 'not found: this process answers GET /health and GET /metrics' }),
        );
      return;
    }
    answer.catch((e: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 500, message: e.message }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      resolve({
        url: localUrl(o.host, (server.address() as AddressInfo).port),
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
