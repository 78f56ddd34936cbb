import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '#domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

/** A path id that cannot exist is simply unknown (404), like an id that does not exist; field names the parameter. */
@Injectable()
export class IdParam implements PipeTransform<string, string> {
  constructor(
    private readonly what: string = 'resource',
    private readonly field = 'id',
  ) {}
  transform(value: string): string {
    if (!isUuid(value)) {
      throw new DomainError(
        'not_found',
        `no ${this.what} with id ${JSON.stringify(String(value).slice(0, 64))}`,
        this.field,
      );
    }
    return value.toLowerCase();
  }
}
