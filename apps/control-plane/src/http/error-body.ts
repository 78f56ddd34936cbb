import { STATUS_CODES } from 'node:http';

/** The one JSON shape of every error response. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
  /** Why something is gone, as a category a client can translate (410 only). */
  reason?: string;
}

export function errorBody(statusCode: number, message: string, field?: string, reason?: string): ErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(field ? { field } : {}),
    ...(reason ? { reason } : {}),
  };
}
