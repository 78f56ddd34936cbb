import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

export interface RegistrationRecord {
  id: string;
  eventId: string;
  name: string;
  email: string;
  createdAt: Date;
}

type Row = { id: string; event_id: string; name: string; email: string; created_at: Date };
const toRecord = (r: Row): RegistrationRecord => ({
  id: r.id,
  eventId: r.event_id,
  name: r.name,
  email: r.email,
  createdAt: new Date(r.created_at),
});

@Injectable()
export class RegistrationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Registers once per event and email; a second registration returns the first (same id, so same join link). */
  async upsert(
    eventId: string,
    name: string,
    email: string,
  ): Promise<{ registration: RegistrationRecord; created: boolean }> {
    const inserted = await this.db.query<Row>(
      `INSERT INTO registrations (id, event_id, name, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_id, lower(email)) DO NOTHING RETURNING *`,
      [randomUUID(), eventId, name, email],
    );
    if (inserted[0]) return { registration: toRecord(inserted[0]), created: true };
    const existing = await this.db.query<Row>(
      'SELECT * FROM registrations WHERE event_id = $1 AND lower(email) = lower($2)',
      [eventId, email],
    );
    return { registration: toRecord(existing[0]), created: false };
  }

  async findById(id: string): Promise<RegistrationRecord | null> {
    const rows = await this.db.query<Row>('SELECT * FROM registrations WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** One page of an event's registrants in registration order; `q` matches part of the name or e-mail, any case. */
  async search(
    eventId: string,
    q: string | null,
    offset: number,
    limit: number,
  ): Promise<{ total: number; rows: RegistrationRecord[] }> {
    const pattern = q ? `%${q.replace(/[\\%_]/g, '\\$&')}%` : null;
    const where = 'event_id = $1 AND ($2::text IS NULL OR name ILIKE $2 OR email ILIKE $2)';
    const [count, rows] = await Promise.all([
      this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM registrations WHERE ${where}`, [eventId, pattern]),
      this.db.query<Row>(`SELECT * FROM registrations WHERE ${where} ORDER BY created_at, id OFFSET $3 LIMIT $4`, [
        eventId,
        pattern,
        offset,
        limit,
      ]),
    ]);
    return { total: Number(count[0]?.n ?? 0), rows: rows.map(toRecord) };
  }

  async listByEvent(eventId: string): Promise<RegistrationRecord[]> {
    const rows = await this.db.query<Row>('SELECT * FROM registrations WHERE event_id = $1 ORDER BY created_at, id', [
      eventId,
    ]);
    return rows.map(toRecord);
  }
}
