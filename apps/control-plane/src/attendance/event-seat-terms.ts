import { AdmissionTerms, OveragePolicy, bufferSeats } from '#domain';
import type { AdmissionPhase } from '#seat-ledger';
import type { EventRecord } from '../events/event-record';
import type { OrderRecord } from '../orders/order-record';

export interface EventSeatTerms {
  limit: number;
  bufferSeats: number;
  /** Most billable seats beyond limit + buffer: null = no cap (bill), 0 for a block order, which admits none. */
  overageCap: number | null;
  policy: OveragePolicy;
  /** The same terms as admission's ledger takes them. */
  admission: AdmissionTerms;
}

/** The seat terms an event runs under: its own limit, its order's buffer, policy and cap. */
export function eventSeatTerms(event: EventRecord, order: OrderRecord): EventSeatTerms {
  return {
    limit: event.attendeeLimit,
    bufferSeats: bufferSeats(event.attendeeLimit, order.bufferPercent),
    overageCap: order.overagePolicy === 'block' ? 0 : order.overageCap,
    policy: order.overagePolicy,
    admission: {
      attendeeLimit: event.attendeeLimit,
      bufferPercent: order.bufferPercent,
      overagePolicy: order.overagePolicy,
      overageCap: order.overageCap,
    },
  };
}

/** Attendees of a live webcast take live seats; those of an on-demand event take on-demand seats (admission-window). */
export function admissionPhaseOf(event: EventRecord): AdmissionPhase {
  return event.mode === 'live' || event.playAsLive ? 'live' : 'on-demand';
}
