import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import type { PollResultsMode, PollState } from '#domain';
import { DATABASE } from '../infrastructure/di-tokens';

export interface StoredPoll {
  id: string;
  eventId: string;
  question: string;
  options: string[];
  multiple: boolean;
  results: PollResultsMode;
  state: PollState;
  createdBy: string;
  createdAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  /** Stored votes per option, by index, and how many registrants voted. */
  counts: number[];
  voters: number;
}

interface PollRow {
  id: string;
  event_id: string;
  question: string;
  options: string[] | string;
  multiple: boolean;
  results: PollResultsMode;
  state: PollState;
  created_by: string;
  created_at: Date | string;
  opened_at: Date | string | null;
  closed_at: Date | string | null;
  counts: (number | string)[] | string | null;
  voters: number | string;
}

const date = (d: Date | string | null) => (d === null ? null : new Date(d));

function toPoll(r: PollRow): StoredPoll {
  const options = (typeof r.options === 'string' ? JSON.parse(r.options) : r.options) as string[];
  const perOption = new Map<number, number>();
  const raw = typeof r.counts === 'string' ? (JSON.parse(r.counts) as unknown[]) : (r.counts ?? []);
  for (const c of raw as { i: number; n: number | string }[]) perOption.set(Number(c.i), Number(c.n));
  return {
    id: r.id,
    eventId: r.event_id,
    question: r.question,
    options,
    multiple: r.multiple,
    results: r.results,
    state: r.state,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    openedAt: date(r.opened_at),
    closedAt: date(r.closed_at),
    counts: options.map((_, i) => perOption.get(i) ?? 0),
    voters: Number(r.voters),
  };
}

// every poll with its stored votes: per option (unnest of each vote's choices) and voters
const SELECT = `
  SELECT p.id, p.event_id, p.question, p.options, p.multiple, p.results, p.state, p.created_by, p.created_at,
         p.opened_at, p.closed_at,
         (SELECT count(*) FROM poll_votes v WHERE v.poll_id = p.id) AS voters,
         (SELECT coalesce(json_agg(json_build_object('i', c.i, 'n', c.n)), '[]')
            FROM (SELECT u.i, count(*) AS n FROM poll_votes v, unnest(v.choices) AS u(i)
                  WHERE v.poll_id = p.id GROUP BY u.i) c) AS counts
  FROM polls p`;

export type PollDraft = Pick<StoredPoll, 'question' | 'options' | 'multiple' | 'results'>;

/** The event's polls and their stored votes (the votes are written by the chat consumer, from the stream). */
@Injectable()
export class PollsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(eventId: string, createdBy: string, d: PollDraft): Promise<StoredPoll> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO polls (id, event_id, question, options, multiple, results, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
      [id, eventId, d.question, JSON.stringify(d.options), d.multiple, d.results, createdBy],
    );
    return (await this.find(eventId, id))!;
  }

  async find(eventId: string, pollId: string): Promise<StoredPoll | null> {
    const rows = await this.db.query<PollRow>(`${SELECT} WHERE p.event_id = $1 AND p.id = $2`, [eventId, pollId]);
    return rows[0] ? toPoll(rows[0]) : null;
  }

  /** The event's polls, oldest first. */
  async ofEvent(eventId: string): Promise<StoredPoll[]> {
    const rows = await this.db.query<PollRow>(`${SELECT} WHERE p.event_id = $1 ORDER BY p.created_at, p.id`, [eventId]);
    return rows.map(toPoll);
  }

  /** Edits a draft; false when it is no longer one. */
  async update(eventId: string, pollId: string, d: PollDraft): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE polls SET question = $3, options = $4::jsonb, multiple = $5, results = $6
       WHERE event_id = $1 AND id = $2 AND state = 'draft' RETURNING id`,
      [eventId, pollId, d.question, JSON.stringify(d.options), d.multiple, d.results],
    );
    return rows.length === 1;
  }

  /** Deletes a draft; false when it is no longer one. */
  async deleteDraft(eventId: string, pollId: string): Promise<boolean> {
    const rows = await this.db.query(
      `DELETE FROM polls WHERE event_id = $1 AND id = $2 AND state = 'draft' RETURNING id`,
      [eventId, pollId],
    );
    return rows.length === 1;
  }

  /** An open poll Redis never took: a draft again. */
  async backToDraft(eventId: string, pollId: string): Promise<void> {
    await this.db.query(
      `UPDATE polls SET state = 'draft', opened_at = NULL WHERE event_id = $1 AND id = $2 AND state = 'open'`,
      [eventId, pollId],
    );
  }

  /** Moves the poll from `from` to `to` (stamping when); false when someone else moved it first. */
  async move(eventId: string, pollId: string, from: PollState, to: 'open' | 'closed'): Promise<boolean> {
    const stamp = to === 'open' ? 'opened_at' : 'closed_at';
    const rows = await this.db.query(
      `UPDATE polls SET state = $4, ${stamp} = now() WHERE event_id = $1 AND id = $2 AND state = $3 RETURNING id`,
      [eventId, pollId, from, to],
    );
    return rows.length === 1;
  }
}
