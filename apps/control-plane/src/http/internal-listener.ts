import { IncomingMessage, RequestListener, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { isOperationsPath } from '#process';

// With INTERNAL_PORT set, the internal API (what ingest and the transcoders call with the internal token) is served
// on its own listener, on a private interface, and the public listener does not know it: a leaked internal token is
// then of no use from the internet. Both listeners share one Express app; this marks what came in on which.

const viaInternal = new WeakSet<IncomingMessage>();

const isInternalPath = (path: string) => path === '/api/internal' || path.startsWith('/api/internal/');

/** Keeps each listener to its own paths (health and metrics answer on both). A no-op without an internal port. */
export function listenerSplit(enabled: boolean): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    if (!enabled) return next();
    const internal = viaInternal.has(req);
    if (isInternalPath(req.path) === internal || isOperationsPath(req.path)) return next();
    res.status(404).json({ statusCode: 404, error: 'not_found', message: `Cannot ${req.method} ${req.path}` });
  };
}

/** Listens with the app's handler on host:port, marking each request as internal. Resolves with the bound port. */
export async function startInternalListener(
  handler: RequestListener,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    viaInternal.add(req);
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
