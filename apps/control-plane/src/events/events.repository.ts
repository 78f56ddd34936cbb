import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '#database';
import type { EventState } from '#domain';
import { DATABASE } from '../infrastructure/di-tokens';
import { EventRecord, EventRow, toEventRecord } from './event-record';

export type NewEvent = Pick<
  EventRecord,
  | 'id'
  | 'accountId'
  | 'orderId'
  | 'organizerId'
  | 'title'
  | 'description'
  | 'startsAt'
  | 'endsAt'
  | 'timeZone'
  | 'mode'
  | 'playAsLive'
  | 'attendeeLimit'
  | 'streamKey'
  | 'publicSlug'
>;

export type EventPatch = Partial<
  Pick<
    EventRecord,
    'title' | 'description' | 'startsAt' | 'endsAt' | 'timeZone' | 'mode' | 'playAsLive' | 'attendeeLimit'
  >
>;

@Injectable()
export class EventsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(e: NewEvent, q: Queryable = this.db): Promise<EventRecord> {
    const rows = await q.query<EventRow>(
      `INSERT INTO events (id, account_id, order_id, organizer_id, title, description, starts_at, ends_at, mode, attendee_limit, stream_key, public_slug, time_zone, play_as_live)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
      [
        e.id,
        e.accountId,
        e.orderId,
        e.organizerId,
        e.title,
        e.description,
        e.startsAt,
        e.endsAt,
        e.mode,
        e.attendeeLimit,
        e.streamKey,
        e.publicSlug,
        e.timeZone,
        e.playAsLive,
      ],
    );
    return toEventRecord(rows[0]);
  }

  async findById(id: string, q: Queryable = this.db): Promise<EventRecord | null> {
    const rows = await q.query<EventRow>('SELECT * FROM events WHERE id = $1', [id]);
    return rows[0] ? toEventRecord(rows[0]) : null;
  }

  async findByStreamKey(key: string): Promise<EventRecord | null> {
    const rows = await this.db.query<EventRow>('SELECT * FROM events WHERE stream_key = $1', [key]);
    return rows[0] ? toEventRecord(rows[0]) : null;
  }

  async findBySlug(slug: string): Promise<EventRecord | null> {
    const rows = await this.db.query<EventRow>('SELECT * FROM events WHERE public_slug = $1', [slug]);
    return rows[0] ? toEventRecord(rows[0]) : null;
  }

  async list(filter: { accountId: string; organizerId?: string; state?: EventState }): Promise<EventRecord[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT * FROM events WHERE account_id = $1 AND ($2::uuid IS NULL OR organizer_id = $2) AND ($3::text IS NULL OR state = $3)
       ORDER BY starts_at, id`,
      [filter.accountId, filter.organizerId ?? null, filter.state ?? null],
    );
    return rows.map(toEventRecord);
  }

  /** Events not yet final, to republish their snapshots at start. */
  async listOpen(): Promise<EventRecord[]> {
    const rows = await this.db.query<EventRow>(
      "SELECT * FROM events WHERE state IN ('scheduled', 'live') ORDER BY starts_at",
    );
    return rows.map(toEventRecord);
  }

  /** The organizer's non-cancelled event overlapping [startsAt, endsAt) (half-open), other than `exceptId`. */
  async findOverlapping(
    organizerId: string,
    startsAt: Date,
    endsAt: Date,
    exceptId: string | null,
    q: Queryable = this.db,
  ): Promise<EventRecord | null> {
    const rows = await q.query<EventRow>(
      `SELECT * FROM events WHERE organizer_id = $1 AND state <> 'cancelled' AND ($4::uuid IS NULL OR id <> $4)
         AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)') ORDER BY starts_at LIMIT 1`,
      [organizerId, startsAt, endsAt, exceptId],
    );
    return rows[0] ? toEventRecord(rows[0]) : null;
  }

  /** Simulive events that may have something to do: scheduled and due, or open (the scheduler decides which). */
  async listSimuliveDue(now: Date): Promise<EventRecord[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT * FROM events WHERE play_as_live AND ((state = 'scheduled' AND starts_at <= $1 AND ends_at > $1) OR state = 'live')
       ORDER BY starts_at LIMIT 200`,
      [now],
    );
    return rows.map(toEventRecord);
  }

  async findLiveOf(organizerId: string, q: Queryable = this.db): Promise<EventRecord | null> {
    const rows = await q.query<EventRow>("SELECT * FROM events WHERE organizer_id = $1 AND state = 'live'", [
      organizerId,
    ]);
    return rows[0] ? toEventRecord(rows[0]) : null;
  }

  async update(id: string, p: EventPatch, q: Queryable = this.db): Promise<EventRecord> {
    const rows = await q.query<EventRow>(
      `UPDATE events SET title = COALESCE($2, title), description = COALESCE($3, description), starts_at = COALESCE($4, starts_at),
         ends_at = COALESCE($5, ends_at), mode = COALESCE($6, mode), attendee_limit = COALESCE($7, attendee_limit),
         time_zone = COALESCE($8, time_zone), play_as_live = COALESCE($9, play_as_live), version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [
        id,
        p.title ?? null,
        p.description ?? null,
        p.startsAt ?? null,
        p.endsAt ?? null,
        p.mode ?? null,
        p.attendeeLimit ?? null,
        p.timeZone ?? null,
        p.playAsLive ?? null,
      ],
    );
    return toEventRecord(rows[0]);
  }

  /** Moves the state only from the expected one, so two racing transitions cannot both win. */
  async transition(
    id: string,
    from: EventState,
    to: EventState,
    fields: { actualStartAt?: Date; endedAt?: Date; endReason?: string },
    q: Queryable = this.db,
  ): Promise<EventRecord | null> {
    const rows = await q.query<EventRow>(
      `UPDATE events SET state = $3, actual_start_at = COALESCE($4, actual_start_at), ended_at = COALESCE($5, ended_at),
         end_reason = COALESCE($6, end_reason), version = version + 1, updated_at = now()
       WHERE id = $1 AND state = $2 RETURNING *`,
      [id, from, to, fields.actualStartAt ?? null, fields.endedAt ?? null, fields.endReason ?? null],
    );
    return rows[0] ? toEventRecord(rows[0]) : null;
  }

  /**
   * New terms of an order reach its open events: limits above the order's new one come down to it, and every open
   * event gets a new version so its snapshot is rewritten.
   */
  async applyOrderTerms(orderId: string, attendeeLimit: number, q: Queryable = this.db): Promise<EventRecord[]> {
    const rows = await q.query<EventRow>(
      `UPDATE events SET attendee_limit = LEAST(attendee_limit, $2), version = version + 1, updated_at = now()
       WHERE order_id = $1 AND state IN ('scheduled', 'live') RETURNING *`,
      [orderId, attendeeLimit],
    );
    return rows.map(toEventRecord);
  }

  async setStreamKey(id: string, key: string): Promise<EventRecord> {
    const rows = await this.db.query<EventRow>(
      'UPDATE events SET stream_key = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *',
      [id, key],
    );
    return toEventRecord(rows[0]);
  }
}
