import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '#domain';

// The first failing constraint, named by its dotted path, becomes a 400 naming the field.
export function firstViolation(errors: ValidationError[], parent = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {});
    if (messages.length > 0) return { field: path, message: messages[0]! };
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
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const v = firstViolation(errors);
      return new DomainError('invalid', v?.message ?? 'the request body is invalid', v?.field);
    },
  });
}
