import type { OveragePolicy } from '#domain';

export interface OrderRecord {
  id: string;
  accountId: string;
  seats: number;
  attendeeLimit: number;
  bufferPercent: number;
  overageRateCents: number;
  overagePolicy: OveragePolicy;
  overageCap: number | null;
  validFrom: Date;
  validUntil: Date;
  createdAt: Date;
}

export interface OrderRow {
  id: string;
  account_id: string;
  seats: number;
  attendee_limit: number;
  buffer_percent: number;
  overage_rate_cents: number;
  overage_policy: OveragePolicy;
  overage_cap: number | null;
  valid_from: Date;
  valid_until: Date;
  created_at: Date;
}

export function toOrderRecord(r: OrderRow): OrderRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    seats: r.seats,
    attendeeLimit: r.attendee_limit,
    bufferPercent: r.buffer_percent,
    overageRateCents: r.overage_rate_cents,
    overagePolicy: r.overage_policy,
    overageCap: r.overage_cap,
    validFrom: new Date(r.valid_from),
    validUntil: new Date(r.valid_until),
    createdAt: new Date(r.created_at),
  };
}
