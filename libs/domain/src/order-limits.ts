import type { OveragePolicy } from './admission-tier';
import { DomainError } from './domain-error';
import type { TimeWindow } from './event-window';
import { ATTENDEE_LIMIT_CEILING } from './licence-terms';

// What an order (the account's licence) bounds: its events' attendee limit, the window they fall in, the seats of
// its named organizers.

export interface OrderLimits {
  attendeeLimit: number;
  validFrom: Date;
  validUntil: Date;
}

export interface OrderTermsInput extends OrderLimits {
  seats: number;
  overagePolicy: OveragePolicy;
  overageCap?: number | null;
}

/** An order's terms hold together: it is valid for a while, its limit is within the product, a cap only where overage is billed. */
export function assertOrderTerms(t: OrderTermsInput): void {
  if (t.validUntil <= t.validFrom) throw new DomainError('invalid', 'validUntil must be after validFrom', 'validUntil');
  assertWithinProductCeiling(t.attendeeLimit);
  if (!Number.isInteger(t.seats) || t.seats < 1) {
    throw new DomainError('invalid', 'an order has at least one organizer seat', 'seats');
  }
  if (t.overagePolicy === 'block' && t.overageCap !== undefined && t.overageCap !== null) {
    throw new DomainError(
      'invalid',
      'overageCap applies to the bill policy only; a block order admits no overage',
      'overageCap',
    );
  }
}

/** The product admits 1 to 5000 attendees per webcast, whatever the order. */
export function assertWithinProductCeiling(attendeeLimit: number): void {
  if (!Number.isInteger(attendeeLimit) || attendeeLimit < 1 || attendeeLimit > ATTENDEE_LIMIT_CEILING) {
    throw new DomainError(
      'invalid',
      `attendeeLimit must be a whole number from 1 to ${ATTENDEE_LIMIT_CEILING}, got ${attendeeLimit}`,
      'attendeeLimit',
    );
  }
}

/** An event may admit fewer attendees than its order, never more. */
export function assertLimitWithinOrder(limit: number, order: Pick<OrderLimits, 'attendeeLimit'>): void {
  if (limit > order.attendeeLimit) {
    throw new DomainError(
      'invalid',
      `attendeeLimit ${limit} is above the order's attendee limit of ${order.attendeeLimit}`,
      'attendeeLimit',
    );
  }
}

/** The limit an event runs under: the one the organizer asks for, else the order's. */
export function eventAttendeeLimit(
  requested: number | null | undefined,
  order: Pick<OrderLimits, 'attendeeLimit'>,
): number {
  const limit = requested ?? order.attendeeLimit;
  assertLimitWithinOrder(limit, order);
  return limit;
}

/** An event falls within the validity of its order, start and end. */
export function assertWithinOrderValidity(window: TimeWindow, order: OrderLimits): void {
  if (window.startsAt < order.validFrom || window.endsAt > order.validUntil) {
    throw new DomainError(
      'invalid',
      `the order is valid from ${order.validFrom.toISOString()} until ${order.validUntil.toISOString()}; the event must fall within it`,
      'startsAt',
    );
  }
}

/** The seats of an order bound the active organizers: one more (new or reactivated) may join only while a seat is free. */
export function assertSeatAvailable(activeOrganizers: number, seats: number): void {
  if (activeOrganizers >= seats) {
    const inUse = seats === 1 ? 'The one seat of this order is in use' : `All ${seats} seats of this order are in use`;
    throw new DomainError('conflict', `${inUse}: deactivate an organizer or extend the order first.`, 'seats');
  }
}

/** An order's seats never drop below the organizers holding them. */
export function assertSeatsCoverActive(seats: number, activeOrganizers: number): void {
  if (seats < activeOrganizers) {
    throw new DomainError(
      'conflict',
      `${activeOrganizers} organizers hold seats of this order; deactivate some before lowering seats to ${seats}`,
      'seats',
    );
  }
}
