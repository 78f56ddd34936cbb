import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database } from '#database';
import type { MailLanguage } from '#mail';
import { DATABASE } from '../infrastructure/di-tokens';

export interface RegistrationRecord {
  id: string;
  eventId: string;
  name: string;
  email: string;
  /** The language the registrant reads mails in. */
  language: MailLanguage;
  createdAt: Date;
}

export interface NewRegistration {
  name: string;
  email: string;
  language: MailLanguage;
}

type Row = { id: string; event_id: string; name: string; email: string; language: MailLanguage; created_at: Date };
const toRecord = (r: Row): RegistrationRecord => ({
  id: r.id,
  eventId: r.event_id,
  name: r.name,
  email: r.email,
  language: r.language,
  createdAt: new Date(r.created_at),
});

@Injectable()
export class RegistrationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Registers once per event and email; a second registration returns the first unchanged (same id, so same join
   * link; the name and language given the first time stay: an anonymous caller cannot rewrite them).
   */
  async upsert(eventId: string, r: NewRegistration): Promise<{ registration: RegistrationRecord; created: boolean }> {
    // One statement either way (the no-op update returns the existing row), so a known address costs the same
    // round trips as a new one and the public answer's timing tells nothing.
    const rows = await this.db.query<Row & { created: boolean }>(
      `INSERT INTO registrations (id, event_id, name, email, language) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id, lower(email)) DO UPDATE SET email = registrations.email
       RETURNING *, (xmax = 0) AS created`,
      [randomUUID(), eventId, r.name, r.email, r.language],
    );
    return { registration: toRecord(rows[0]), created: rows[0].created };
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

  /** The ids of an event's registrations after `afterId` (keyset pages, for mailing every registrant). */
  async idsAfter(eventId: string, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM registrations WHERE event_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`,
      [eventId, afterId, limit],
    );
    return rows.map((r) => r.id);
  }
}
