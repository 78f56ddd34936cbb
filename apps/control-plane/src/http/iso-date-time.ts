import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Matches } from 'class-validator';

// A moment must say its offset: "2026-03-01T10:00:00+01:00" or "...Z". A local time without one is ambiguous.
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function IsIsoDateTimeWithOffset() {
  return applyDecorators(
    IsString({
      message: '$property must be an ISO 8601 date-time string with an offset, e.g. 2026-03-01T10:00:00+01:00',
    }),
    Matches(WITH_OFFSET, {
      message: '$property must be an ISO 8601 date-time with an offset (Z or ±hh:mm), e.g. 2026-03-01T10:00:00+01:00',
    }),
    IsISO8601({ strict: true }, { message: '$property is not a real calendar date-time' }),
  );
}
