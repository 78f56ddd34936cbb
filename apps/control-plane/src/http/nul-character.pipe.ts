import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '#domain';

/** The dotted path of the first string holding U+0000 in a parsed body or query, or null. */
export function firstNulCharacter(value: unknown, root: string): string | null {
  // iterative: a deeply nested body must not overflow the stack
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [v, path] = pending.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || root;
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) pending.push([child, path ? `${path}.${k}` : k]);
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store or compare text holding U+0000, and no name, title or address needs one: such a value is
 * refused naming its field, before it reaches a query (where it would fail as an internal error).
 */
@Injectable()
export class NulCharacterPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type !== 'body' && meta.type !== 'query') return value;
    const field = firstNulCharacter(value, meta.data ?? meta.type);
    if (field) throw new DomainError('invalid', `${field} may not contain a NUL character (U+0000)`, field);
    return value;
  }
}
