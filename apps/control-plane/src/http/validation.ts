import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '#domain';

// When a field breaks several constraints, the most basic one explains it best: missing before wrong type before
// wrong shape before out of range.
const PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'nestedValidation',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isIn',
  'isUuid',
  'isEmail',
  'matches',
  'isIso8601',
];

function pick(constraints: Record<string, string>): string {
  for (const key of PRIORITY) if (constraints[key]) return constraints[key];
  return Object.values(constraints)[0];
}

/** The first failing field, by its dotted path, with the message that explains it. */
export function firstViolation(errors: ValidationError[], parent = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const constraints = e.constraints ?? {};
    if (Object.keys(constraints).length > 0) {
      if (constraints.whitelistValidation) return { field: path, message: `${path} is not a known field` };
      if (e.value === undefined || e.value === null) return { field: path, message: `${path} is required` };
      return { field: path, message: pick(constraints).replace(e.property, path) };
    }
    const nested = firstViolation(e.children ?? [], path);
    if (nested) return nested;
  }
  return null;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const v = firstViolation(errors);
      return new DomainError('invalid', v?.message ?? 'the request is invalid', v?.field);
    },
  });
}

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Array, Object]);

/** A body or query meant for a DTO must be a JSON object: a bare array, string or number is refused as a whole. */
@Injectable()
export class ObjectBodyPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type !== 'body' || !meta.metatype || PRIMITIVES.has(meta.metatype)) return value;
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DomainError('invalid', 'the request body must be a JSON object', 'body');
    }
    return value;
  }
}
