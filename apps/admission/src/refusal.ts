// Why an attendee is not admitted: a stable code for clients and a sentence for people.
export type RefusalCode =
  | 'bad-request'
  | 'token-missing'
  | 'token-tampered'
  | 'token-expired'
  | 'token-invalid'
  | 'other-event'
  | 'event-unknown'
  | 'event-not-started'
  | 'event-ended'
  | 'event-cancelled'
  | 'device-limit';

export interface Refusal {
  reason: RefusalCode;
  message: string;
}

export function refusal(reason: RefusalCode, message: string): Refusal {
  return { reason, message };
}
