import { bufferSeats } from '#domain';
import type { OrderRecord } from './order-record';

export function toOrderView(o: OrderRecord) {
  return {
    id: o.id,
    seats: o.seats,
    attendeeLimit: o.attendeeLimit,
    bufferPercent: o.bufferPercent,
    bufferSeats: bufferSeats(o.attendeeLimit, o.bufferPercent),
    overageRateCents: o.overageRateCents,
    overagePolicy: o.overagePolicy,
    overageCap: o.overageCap,
    validFrom: o.validFrom.toISOString(),
    validUntil: o.validUntil.toISOString(),
    createdAt: o.createdAt.toISOString(),
  };
}
