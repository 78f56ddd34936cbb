import { DomainError } from '#domain';

/** A 429 that tells the client when to try again (the Retry-After header, in seconds). */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    field?: string,
  ) {
    super('rate_limited', message, field);
  }
}
