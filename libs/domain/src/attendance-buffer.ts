import { ATTENDANCE_BUFFER_PERCENT } from './licence-terms';

/** Seats admitted beyond the limit at no charge: floor(L * 10 %). Integer maths so 10 % of 105 is 10, never 10.5 rounded up. */
export function bufferSeats(attendeeLimit: number, bufferPercent: number = ATTENDANCE_BUFFER_PERCENT): number {
  return Math.floor((attendeeLimit * bufferPercent) / 100);
}

/** The last seat number admitted without charge. */
export function freeSeatCeiling(attendeeLimit: number, bufferPercent: number = ATTENDANCE_BUFFER_PERCENT): number {
  return attendeeLimit + bufferSeats(attendeeLimit, bufferPercent);
}
