/** The control plane's one error body: `{ statusCode, error, message, field? }`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
}

/** A refused request, with the server's sentence and the field it is about. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get field(): string | undefined {
    return this.body?.field;
  }
}

/** Network failures and anything without a status are "the server could not be reached". */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string';
}

export function toApiError(status: number, body: unknown): ApiError {
  return new ApiError(status, isErrorBody(body) ? body : null);
}

/** A refusal already put in the user's words (e.g. a 409 the console explains better than the server's sentence). */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
