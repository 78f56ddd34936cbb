import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import type { ChatStreamEntry } from '#seat-ledger';
import { DATABASE } from '../infrastructure/di-tokens';

export interface StoredChatMessage extends ChatStreamEntry {
  streamId: string;
}

@Injectable()
export class ChatRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Stores a batch of stream entries at once; entries already stored are skipped. */
  async append(entries: StoredChatMessage[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < entries.length; i += 500) {
        const params: unknown[] = [];
        const rows = entries.slice(i, i + 500).map((e) => {
          params.push(e.eventId, e.streamId, e.registrantId, e.name, e.text, new Date(e.at), e.held);
          const b = params.length - 7;
          return `(${Array.from({ length: 7 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
        });
        await tx.query(
          `INSERT INTO chat_messages (event_id, stream_id, registrant_id, author_name, body, sent_at, held)
           VALUES ${rows.join(', ')} ON CONFLICT (event_id, stream_id) DO NOTHING`,
          params,
        );
      }
      // a message a moderator decided on (hid, restored, approved, rejected) before it was stored carries the latest
      // decision: the action log is written at once, the stream only reaches PostgreSQL with the next batch
      await tx.query(
        `UPDATE chat_messages m SET hidden = a.action IN ('hide', 'reject'), held = false
         FROM (SELECT DISTINCT ON (event_id, target) event_id, target, action FROM chat_moderation_actions
               WHERE action IN ('hide', 'restore', 'approve', 'reject') AND target = ANY($1)
               ORDER BY event_id, target, created_at DESC) a
         WHERE m.event_id = a.event_id AND m.stream_id = a.target`,
        [entries.map((e) => e.streamId)],
      );
    });
  }

  /** An event's stored messages in the order they were accepted. */
  async ofEvent(eventId: string): Promise<(StoredChatMessage & { hidden: boolean })[]> {
    const rows = await this.db.query<{
      stream_id: string;
      registrant_id: string;
      author_name: string;
      body: string;
      sent_at: Date | string;
      held: boolean;
      hidden: boolean;
    }>(
      `SELECT stream_id, registrant_id, author_name, body, sent_at, held, hidden FROM chat_messages WHERE event_id = $1
       ORDER BY sent_at, stream_id`,
      [eventId],
    );
    return rows.map((r) => ({
      eventId,
      streamId: r.stream_id,
      registrantId: r.registrant_id,
      name: r.author_name,
      text: r.body,
      at: new Date(r.sent_at).getTime(),
      held: r.held,
      hidden: r.hidden,
    }));
  }

  /** Events whose chat may still hold unstored messages: live, or ended in the last week (the snapshot's life). */
  async chatEvents(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM events WHERE state = 'live' OR (ended_at IS NOT NULL AND ended_at > $1)`,
      [new Date(Date.now() - 7 * 24 * 3600_000)],
    );
    return rows.map((r) => r.id);
  }
}
