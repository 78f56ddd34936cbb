import { Transform } from 'class-transformer';

/**
 * A query parameter holding a whole number: digits become a number, anything else stays as sent so the integer check
 * refuses it by name ("12abc", "1e3" and "" are not numbers of records).
 */
export const QueryInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value,
  );
