import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { checkChatWords } from '#domain/chat-word-filter';
import type { AuthUser } from '../auth';
import { DATABASE } from '../infrastructure/di-tokens';
import type { ChatMessageView, ModerationAction, ModerationActionView } from './chat-moderation.dto';

/** A stream id's two numbers, for ordering (as text, "1-10" sorts before "1-9"). */
const ORDER = `split_part(stream_id, '-', 1)::numeric, split_part(stream_id, '-', 2)::numeric`;

@Injectable()
export class ChatModerationRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async isRegistrant(eventId: string, registrationId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM registrations WHERE id = $1 AND event_id = $2', [
      registrationId,
      eventId,
    ]);
    return rows.length > 0;
  }

  /** Marks a stored message hidden or visible, a decision that ends its review; false when it is not stored (yet). */
  async setHidden(eventId: string, streamId: string, hidden: boolean): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE chat_messages SET hidden = $3, held = false WHERE event_id = $1 AND stream_id = $2 RETURNING 1',
      [eventId, streamId, hidden],
    );
    return rows.length > 0;
  }

  /** Whether the stored message waits for review; null when it is not stored (yet). */
  async isHeld(eventId: string, streamId: string): Promise<boolean | null> {
    const rows = await this.db.query<{ held: boolean }>(
      'SELECT held FROM chat_messages WHERE event_id = $1 AND stream_id = $2',
      [eventId, streamId],
    );
    return rows.length ? rows[0].held : null;
  }

  async messages(
    eventId: string,
    after: string | undefined,
    limit: number,
    heldOnly = false,
  ): Promise<ChatMessageView[]> {
    const [ms, seq] = after ? after.split('-') : ['-1', '-1'];
    const rows = await this.db.query<{
      stream_id: string;
      registrant_id: string;
      author_name: string;
      body: string;
      sent_at: Date | string;
      hidden: boolean;
      held: boolean;
    }>(
      `SELECT stream_id, registrant_id, author_name, body, sent_at, hidden, held FROM chat_messages
       WHERE event_id = $1 AND (${ORDER}) > ($2::numeric, $3::numeric) AND (held OR NOT $5)
       ORDER BY ${ORDER} LIMIT $4`,
      [eventId, ms, seq, limit, heldOnly],
    );
    return rows.map((r) => ({
      id: r.stream_id,
      author: { registrationId: r.registrant_id, name: r.author_name },
      text: r.body,
      at: new Date(r.sent_at).toISOString(),
      hidden: r.hidden,
      held: r.held,
      // the words are found again on reading rather than stored: the list improves, old messages benefit
      words: r.held ? checkChatWords(r.body).words : [],
    }));
  }

  async log(
    eventId: string,
    actor: AuthUser,
    action: ModerationAction,
    target: string | null,
    details: Record<string, unknown>,
    reason: string | undefined,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO chat_moderation_actions (id, event_id, actor_id, actor_role, action, target, details, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [randomUUID(), eventId, actor.id, actor.role, action, target, JSON.stringify(details), reason || null],
    );
  }

  /** The event's moderation log, newest first. */
  async actions(eventId: string): Promise<ModerationActionView[]> {
    const rows = await this.db.query<{
      id: string;
      action: ModerationAction;
      target: string | null;
      details: Record<string, unknown> | string;
      reason: string | null;
      actor_id: string;
      actor_role: string;
      name: string | null;
      created_at: Date | string;
    }>(
      `SELECT a.id, a.action, a.target, a.details, a.reason, a.actor_id, a.actor_role, u.name, a.created_at
       FROM chat_moderation_actions a LEFT JOIN users u ON u.id = a.actor_id
       WHERE a.event_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT 1000`,
      [eventId],
    );
    return rows.map((r) => ({
      id: r.id,
      action: r.action,
      target: r.target,
      details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
      reason: r.reason,
      actor: { id: r.actor_id, name: r.name, role: r.actor_role },
      at: new Date(r.created_at).toISOString(),
    }));
  }
}
