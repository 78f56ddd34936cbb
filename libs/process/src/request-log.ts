import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { requestContext } from './request-context';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export interface RequestLogOptions<Req, Res> {
  logger: Logger;
  /** Requests nobody needs to see unless debugging: health probes, metrics scrapes, process-to-process polling. */
  routine?: (path: string) => boolean;
  /** Called when a request is finished, e.g. to feed a duration histogram. */
  observe?: (req: Req, res: Res, seconds: number) => void;
}

const OPERATIONS = new Set(['/health', '/metrics']);

/** /health and /metrics: polled by orchestrators and scrapers every few seconds. */
export function isOperationsPath(path: string): boolean {
  return OPERATIONS.has(path);
}

/**
 * Middleware (Express/Connect shape): a request id (x-request-id when sane, else made up; echoed back) that every log
 * line written while the request is handled carries, and one line per request: at debug for routine ones, a warning
 * for a server error, info otherwise.
 */
export function requestLog<Req extends IncomingMessage & { originalUrl?: string }, Res extends ServerResponse>(
  o: RequestLogOptions<Req, Res>,
): (req: Req, res: Res, next: () => void) => void {
  const routine = o.routine ?? isOperationsPath;
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = req.originalUrl ?? req.url ?? '/';
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      o.observe?.(req, res, seconds);
      const level = res.statusCode >= 500 ? 'warn' : routine(url.split('?')[0]) ? 'debug' : 'info';
      const line = { requestId, method: req.method, url, status: res.statusCode, ms: Math.round(seconds * 1000) };
      o.logger[level](line, 'request');
    });
    requestContext.run({ requestId }, next);
  };
}
