import { DomainError } from '#domain';

/** A 410 for what was removed on purpose, with the category of why (e.g. "removed" for a takedown). */
export class GoneError extends DomainError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super('gone', message);
  }
}
