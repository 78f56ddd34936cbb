import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, HTTP_STATUS_OF } from '#domain';
import { PG_CHECK_VIOLATION, pgErrorCode } from '#database';
import { errorBody } from './error-body';
import { GoneError } from './gone-error';
import { RateLimitedError } from './rate-limited-error';

// Every error leaves as { statusCode, error, message, field }. Errors a user can cause carry their own status;
// anything else is a 500 whose details go to the log, never to the client.
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (res.headersSent) return;
    const { status, body } = this.describe(exception, req);
    if (exception instanceof RateLimitedError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // an endpoint may have set its own type (text/csv) before failing; the error is JSON all the same
    res.status(status).type('application/json').json(body);
  }

  private describe(e: unknown, req: Request): { status: number; body: ReturnType<typeof errorBody> } {
    if (e instanceof DomainError) {
      const status = HTTP_STATUS_OF[e.kind];
      return { status, body: errorBody(status, e.message, e.field, e instanceof GoneError ? e.reason : undefined) };
    }
    if (isBodyParserError(e)) {
      if (e.type === 'entity.parse.failed') {
        return { status: 400, body: errorBody(400, 'the request body is not valid JSON', 'body') };
      }
      if (e.type === 'entity.too.large') {
        return { status: 413, body: errorBody(413, 'the request body is too large', 'body') };
      }
      return { status: e.status, body: errorBody(e.status, 'the request body could not be read', 'body') };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse();
      const message =
        typeof r === 'string'
          ? r
          : Array.isArray((r as { message?: unknown }).message)
            ? String((r as { message: unknown[] }).message[0])
            : describe((r as { message?: unknown }).message, e.message);
      return { status, body: errorBody(status, message) };
    }
    // A CHECK constraint is the database's last word on a rule the service should have caught first.
    if (pgErrorCode(e) === PG_CHECK_VIOLATION) {
      return { status: 400, body: errorBody(400, 'the values break a rule of the licence terms') };
    }
    this.logger.error({
      msg: 'unhandled error',
      method: req.method,
      url: req.originalUrl,
      err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e),
    });
    return {
      status: 500,
      body: errorBody(500, 'internal error; the request id in x-request-id locates it in the logs'),
    };
  }
}

function isBodyParserError(e: unknown): e is { type: string; status: number } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { type?: unknown }).type === 'string' &&
    typeof (e as { status?: unknown }).status === 'number'
  );
}

/** An HttpException's message as one sentence: its own text when it has one, else the exception's. */
function describe(message: unknown, fallback: string): string {
  return typeof message === 'string' ? message : fallback;
}
