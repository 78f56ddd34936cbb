import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import type { EventState } from '#domain';
import { DATABASE } from '../infrastructure/di-tokens';

/** An event held in a month, with the terms its fee is computed under and its billed (live) peak. */
export interface HeldEvent {
  id: string;
  accountId: string;
  title: string;
  organizerName: string;
  startsAt: Date;
  state: EventState;
  attendeeLimit: number;
  bufferPercent: number;
  overageRateCents: number;
  peakConcurrent: number;
}

type Row = {
  id: string;
  account_id: string;
  title: string;
  organizer_name: string;
  starts_at: Date | string;
  state: EventState;
  attendee_limit: number;
  buffer_percent: number;
  overage_rate_cents: number;
  peak_concurrent: number;
};

@Injectable()
export class UsageRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Events not cancelled that started (or, not started yet, are scheduled to start) in [from, until), of one account
   * or of every account. The peak is the attendance log's billed peak, kept per event in attendance_peaks.
   */
  async heldEvents(from: Date, until: Date, accountId: string | null): Promise<HeldEvent[]> {
    const rows = await this.db.query<Row>(
      `SELECT e.id, e.account_id, e.title, u.name AS organizer_name, e.starts_at, e.state, e.attendee_limit,
              o.buffer_percent, o.overage_rate_cents, COALESCE(p.peak_concurrent, 0)::int AS peak_concurrent
       FROM events e
       JOIN orders o ON o.id = e.order_id
       JOIN users u ON u.id = e.organizer_id
       LEFT JOIN attendance_peaks p ON p.event_id = e.id
       WHERE e.state <> 'cancelled'
         AND COALESCE(e.actual_start_at, e.starts_at) >= $1 AND COALESCE(e.actual_start_at, e.starts_at) < $2
         AND ($3::uuid IS NULL OR e.account_id = $3)
       ORDER BY COALESCE(e.actual_start_at, e.starts_at), e.id`,
      [from, until, accountId],
    );
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      title: r.title,
      organizerName: r.organizer_name,
      startsAt: new Date(r.starts_at),
      state: r.state,
      attendeeLimit: r.attendee_limit,
      bufferPercent: r.buffer_percent,
      overageRateCents: r.overage_rate_cents,
      peakConcurrent: Number(r.peak_concurrent),
    }));
  }
}
