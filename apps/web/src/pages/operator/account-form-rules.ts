import { ATTENDEE_LIMIT_CEILING } from '#domain';

export interface OrderFormValues {
  seats: number | '';
  attendeeLimit: number | '';
  /** In currency units as typed ("2.50"), sent as integer cents. */
  overageRate: number | '';
  overagePolicy: 'bill' | 'block';
  overageCap: number | '';
  /** Dates (YYYY-MM-DD), UTC: from the start of the first day to the end of the last. */
  validFrom: string;
  validUntil: string;
}

export type OrderField = 'seats' | 'attendeeLimit' | 'overageRate' | 'overageCap' | 'validFrom' | 'validUntil';

export type OrderProblem =
  | { key: 'seatsRange'; values: { max: number } }
  | { key: 'limitRange'; values: { max: number } }
  | { key: 'rateInvalid' }
  | { key: 'capInvalid' }
  | { key: 'dateRequired' }
  | { key: 'untilBeforeFrom' };

export const MAX_SEATS = 10_000;

/** The bounds OrderDto enforces on the server, checked before sending. */
export function checkOrderForm(v: OrderFormValues): Partial<Record<OrderField, OrderProblem>> {
  const p: Partial<Record<OrderField, OrderProblem>> = {};
  if (v.seats === '' || !Number.isInteger(v.seats) || v.seats < 1 || v.seats > MAX_SEATS) {
    p.seats = { key: 'seatsRange', values: { max: MAX_SEATS } };
  }
  if (
    v.attendeeLimit === '' ||
    !Number.isInteger(v.attendeeLimit) ||
    v.attendeeLimit < 1 ||
    v.attendeeLimit > ATTENDEE_LIMIT_CEILING
  ) {
    p.attendeeLimit = { key: 'limitRange', values: { max: ATTENDEE_LIMIT_CEILING } };
  }
  if (v.overageRate === '' || v.overageRate < 0 || v.overageRate > 10_000) p.overageRate = { key: 'rateInvalid' };
  if (v.overagePolicy === 'bill' && v.overageCap !== '' && (!Number.isInteger(v.overageCap) || v.overageCap < 0)) {
    p.overageCap = { key: 'capInvalid' };
  }
  if (!v.validFrom) p.validFrom = { key: 'dateRequired' };
  if (!v.validUntil) p.validUntil = { key: 'dateRequired' };
  else if (v.validFrom && v.validUntil < v.validFrom) p.validUntil = { key: 'untilBeforeFrom' };
  return p;
}

/** The `order` of POST /api/operator/accounts. */
export function orderRequestBody(v: OrderFormValues) {
  return {
    seats: Number(v.seats),
    attendeeLimit: Number(v.attendeeLimit),
    overageRateCents: Math.round(Number(v.overageRate) * 100),
    overagePolicy: v.overagePolicy,
    overageCap: v.overagePolicy === 'bill' && v.overageCap !== '' ? Number(v.overageCap) : null,
    validFrom: `${v.validFrom}T00:00:00Z`,
    validUntil: `${v.validUntil}T23:59:59Z`,
  };
}
