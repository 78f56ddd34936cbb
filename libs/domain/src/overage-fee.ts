import { bufferSeats } from './attendance-buffer';

/** Peak concurrent seats beyond L + buffer: the billable overage of an event. */
export function peakOverage(peakConcurrent: number, attendeeLimit: number, bufferPercent: number): number {
  return Math.max(0, peakConcurrent - (attendeeLimit + bufferSeats(attendeeLimit, bufferPercent)));
}

/** Overage fee in integer cents = max(0, peak - (L + buffer)) x rate. */
export function overageFeeCents(
  peakConcurrent: number,
  attendeeLimit: number,
  bufferPercent: number,
  overageRateCents: number,
): number {
  return peakOverage(peakConcurrent, attendeeLimit, bufferPercent) * overageRateCents;
}
