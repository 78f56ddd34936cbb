import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import type { QaStatus } from '#domain';
import type { QaStreamEntry } from '#seat-ledger';
import { DATABASE } from '../infrastructure/di-tokens';

export type StoredQaEntry = QaStreamEntry & { streamId: string };

/** A stored question as the console and the reports read it. */
export interface StoredQuestion {
  id: string;
  registrantId: string;
  name: string;
  anonymous: boolean;
  text: string;
  status: QaStatus;
  answer: string | null;
  answeredLive: boolean;
  pinned: boolean;
  at: number;
  votes: number;
}

@Injectable()
export class QaRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Stores a batch of Q&A stream entries in stream order, in one transaction: questions first-come, votes once per
   * registrant, decisions applied over the question, poll votes once per poll and registrant. Every statement is
   * idempotent, so a replayed batch is a no-op.
   */
  async append(entries: StoredQaEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const e of entries) {
        if (e.type === 'ask') {
          await tx.query(
            `INSERT INTO qa_questions (event_id, id, registrant_id, author_name, anonymous, body, status, asked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id, id) DO NOTHING`,
            [e.eventId, e.streamId, e.registrantId, e.name, e.anonymous, e.text, e.status, new Date(e.at)],
          );
        } else if (e.type === 'vote') {
          await tx.query(
            `INSERT INTO qa_votes (event_id, question_id, registrant_id, voted_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING`,
            [e.eventId, e.questionId, e.registrantId, new Date(e.at)],
          );
        } else if (e.type === 'poll-vote') {
          // a poll whose event was deleted meanwhile takes no vote (rather than failing the batch for ever)
          await tx.query(
            `INSERT INTO poll_votes (poll_id, registrant_id, choices, voted_at)
             SELECT $1, $2, $3::int[], $4 WHERE EXISTS (SELECT 1 FROM polls WHERE id = $1) ON CONFLICT DO NOTHING`,
            [e.pollId, e.registrantId, e.choices, new Date(e.at)],
          );
        } else {
          await tx.query(
            `UPDATE qa_questions SET status = $3, answer = $4, answered_live = $5, pinned = $6
             WHERE event_id = $1 AND id = $2`,
            [e.eventId, e.questionId, e.status, e.answer, e.answeredLive, e.pinned],
          );
        }
      }
    });
  }

  /** An event's stored questions with their vote counts, in the order they were asked. */
  async ofEvent(eventId: string): Promise<StoredQuestion[]> {
    const rows = await this.db.query<{
      id: string;
      registrant_id: string;
      author_name: string;
      anonymous: boolean;
      body: string;
      status: QaStatus;
      answer: string | null;
      answered_live: boolean;
      pinned: boolean;
      asked_at: Date | string;
      votes: number | string;
    }>(
      `SELECT q.id, q.registrant_id, q.author_name, q.anonymous, q.body, q.status, q.answer, q.answered_live, q.pinned,
              q.asked_at, (SELECT count(*) FROM qa_votes v WHERE v.event_id = q.event_id AND v.question_id = q.id) AS votes
       FROM qa_questions q WHERE q.event_id = $1 ORDER BY q.asked_at, q.id`,
      [eventId],
    );
    return rows.map((r) => ({
      id: r.id,
      registrantId: r.registrant_id,
      name: r.author_name,
      anonymous: r.anonymous,
      text: r.body,
      status: r.status,
      answer: r.answer,
      answeredLive: r.answered_live,
      pinned: r.pinned,
      at: new Date(r.asked_at).getTime(),
      votes: Number(r.votes),
    }));
  }
}
