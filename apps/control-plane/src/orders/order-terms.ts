import { ATTENDANCE_BUFFER_PERCENT, assertOrderTerms } from '#domain';
import type { OrderDto } from './order.dto';
import type { NewOrder } from './orders.repository';

/** An order's terms from the request, checked against the order rules of #domain. */
export function orderTerms(dto: OrderDto): Omit<NewOrder, 'accountId'> {
  const terms = {
    seats: dto.seats,
    attendeeLimit: dto.attendeeLimit,
    bufferPercent: ATTENDANCE_BUFFER_PERCENT,
    overageRateCents: dto.overageRateCents,
    overagePolicy: dto.overagePolicy,
    overageCap: dto.overageCap ?? null,
    validFrom: new Date(dto.validFrom),
    validUntil: new Date(dto.validUntil),
  };
  assertOrderTerms({ ...terms, overageCap: dto.overageCap });
  return terms;
}
