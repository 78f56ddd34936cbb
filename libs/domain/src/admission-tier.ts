import { bufferSeats } from './attendance-buffer';

export type OveragePolicy = 'bill' | 'block';
export type SeatTier = 'included' | 'buffer' | 'overage';
export type AdmissionDecision = SeatTier | 'wait';
/** What a seat is held for: the live webcast, or viewing on demand (seats of its own, so the live end does not close it). */
export type AdmissionPhase = 'live' | 'on-demand';

export interface AdmissionTerms {
  attendeeLimit: number;
  bufferPercent: number;
  overagePolicy: OveragePolicy;
  /** Most billable overage seats a `bill` order admits; null means no cap. */
  overageCap: number | null;
}

/**
 * The tier of the n-th concurrent seat (1-based), or 'wait' when the order admits no one at that seat.
 * This is the rule the admission Lua script mirrors; tests keep the two in step.
 */
export function tierForSeat(seatNumber: number, terms: AdmissionTerms): AdmissionDecision {
  if (!Number.isInteger(seatNumber) || seatNumber < 1) {
    throw new RangeError(`seat number must be a positive integer, got ${seatNumber}`);
  }
  const limit = terms.attendeeLimit;
  const buffer = bufferSeats(limit, terms.bufferPercent);
  if (seatNumber <= limit) return 'included';
  if (seatNumber <= limit + buffer) return 'buffer';
  if (terms.overagePolicy === 'block') return 'wait';
  if (terms.overageCap !== null && seatNumber > limit + buffer + terms.overageCap) return 'wait';
  return 'overage';
}

/** The most seats that may be held at once under these terms (Infinity for uncapped `bill`). */
export function maxConcurrentSeats(terms: AdmissionTerms): number {
  const free = terms.attendeeLimit + bufferSeats(terms.attendeeLimit, terms.bufferPercent);
  if (terms.overagePolicy === 'block') return free;
  return terms.overageCap === null ? Number.POSITIVE_INFINITY : free + terms.overageCap;
}
