import express, { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-body';

export const CSV_BODY_LIMIT = '2mb';

/** text/csv bodies as a string (for imports), with our error shape. */
export function csvBody() {
  const parse = express.text({ type: ['text/csv', 'application/csv'], limit: CSV_BODY_LIMIT });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const e = err as { type?: string; message?: string };
      if (e.type === 'entity.too.large') {
        return void res.status(413).json(errorBody(413, `the CSV is larger than ${CSV_BODY_LIMIT}`, 'body'));
      }
      return void res
        .status(400)
        .json(errorBody(400, `the CSV could not be read (${e.message ?? 'unknown reason'})`, 'body'));
    });
}
