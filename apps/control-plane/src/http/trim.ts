import { Transform } from 'class-transformer';

/** Surrounding whitespace is a typing accident, not part of a name or an address. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
