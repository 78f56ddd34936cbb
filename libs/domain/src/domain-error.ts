// Errors a user can cause. Each kind maps to one HTTP status at the edge (see STYLE.md).
export type DomainErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'unplayable' | 'rate_limited';

export const HTTP_STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // it existed and was removed on purpose (a Stage video taken down): not coming back at this address
  gone: 410,
  unplayable: 422,
  rate_limited: 429,
};

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** The request field the error is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
