import { ATTENDANCE_BUFFER_PERCENT, DomainError } from '#domain';
import type { OrderDto } from './order.dto';
import type { NewOrder } from './orders.repository';

/** An order's terms from the request, with the rules that span fields. */
export function orderTerms(dto: OrderDto): Omit<NewOrder, 'accountId'> {
  const validFrom = new Date(dto.validFrom);
  const validUntil = new Date(dto.validUntil);
  if (validUntil <= validFrom) throw new DomainError('invalid', 'validUntil must be after validFrom', 'validUntil');
  if (dto.overagePolicy === 'block' && dto.overageCap !== undefined && dto.overageCap !== null) {
    throw new DomainError(
      'invalid',
      'overageCap applies to the bill policy only; a block order admits no overage',
      'overageCap',
    );
  }
  return {
    seats: dto.seats,
    attendeeLimit: dto.attendeeLimit,
    bufferPercent: ATTENDANCE_BUFFER_PERCENT,
    overageRateCents: dto.overageRateCents,
    overagePolicy: dto.overagePolicy,
    overageCap: dto.overageCap ?? null,
    validFrom,
    validUntil,
  };
}
