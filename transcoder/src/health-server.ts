import { createServer, Server } from 'node:http';
import type { Registry } from 'prom-client';

/** /health and /metrics of a worker process, which has no other HTTP side. */
export function startHealthServer(
  port: number,
  host: string,
  registry: Registry,
  healthy: () => boolean,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/health') {
      const ok = healthy();
      res
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
    } else if (req.url === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ statusCode: 404, message: 'try /health or /metrics' }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
