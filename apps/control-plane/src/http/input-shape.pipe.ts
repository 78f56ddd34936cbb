import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '#domain';

/** Deeper than any request of ours (onboarding is 3 levels); the validator recurses and would overflow its stack. */
export const MAX_INPUT_DEPTH = 32;

/** What is wrong with a parsed body or query, and where (a dotted path), or null. */
export function inputShapeProblem(value: unknown, root: string): { field: string; message: string } | null {
  // iterative, so that a deeply nested body cannot overflow this stack either
  const pending: [unknown, string, number][] = [[value, '', 0]];
  while (pending.length > 0) {
    const [v, path, depth] = pending.pop()!;
    const field = path || root;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { field, message: `${field} may not contain a NUL character (U+0000)` };
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_INPUT_DEPTH) {
        const top = path.split('.')[0] || root;
        return { field: top, message: `${top} is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` };
      }
      for (const [k, child] of Object.entries(v)) pending.push([child, path ? `${path}.${k}` : k, depth + 1]);
    }
  }
  return null;
}

/**
 * Input no field of ours can hold is refused naming its field, before it reaches the validator or a query (where it
 * would fail as an internal error): text holding U+0000, which PostgreSQL cannot store or compare, and nesting deeper
 * than MAX_INPUT_DEPTH.
 */
@Injectable()
export class InputShapePipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type !== 'body' && meta.type !== 'query') return value;
    const problem = inputShapeProblem(value, meta.data ?? meta.type);
    if (problem) throw new DomainError('invalid', problem.message, problem.field);
    return value;
  }
}
