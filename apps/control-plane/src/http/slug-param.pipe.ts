import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '#domain';

/** Public links carry a base64url slug; anything else cannot name an event. */
@Injectable()
export class SlugParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(value)) throw new DomainError('not_found', 'no event behind this link', 'slug');
    return value;
  }
}
