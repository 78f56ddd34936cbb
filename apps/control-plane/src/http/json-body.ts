import express, { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-body';

export const JSON_BODY_LIMIT = '1mb';

/** JSON parsing with our error shape: body-parser's errors happen before Nest's filters can see them. */
export function jsonBody() {
  const parse = express.json({ limit: JSON_BODY_LIMIT });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const e = err as { type?: string; status?: number; message?: string };
      if (e.type === 'entity.too.large') {
        return void res.status(413).json(errorBody(413, `the request body is larger than ${JSON_BODY_LIMIT}`, 'body'));
      }
      if (e.type === 'entity.parse.failed') {
        return void res.status(400).json(errorBody(400, `the request body is not valid JSON (${e.message})`, 'body'));
      }
      const status = typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : 400;
      return void res
        .status(status)
        .json(errorBody(status, `the request body could not be read (${e.message ?? 'unknown reason'})`, 'body'));
    });
}
