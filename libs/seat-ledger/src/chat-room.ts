import type { Redis } from 'ioredis';
import { CHAT_LIMITS, ChatLimits, ChatRefusalCode } from '#domain';
import { CHAT_HIDE_LUA, CHAT_RESTORE_LUA, CHAT_SEND_LUA } from './chat-lua';
import { eventLedgerBase } from './ledger-keys';

/** An accepted message as the chat script stores it (`at` in ms, Redis time). */
export interface ChatEntry {
  id: string;
  eventId: string;
  author: { name: string };
  text: string;
  at: number;
}

export type ChatSendResult =
  { ok: true; message: ChatEntry; held: boolean } | { ok: false; reason: ChatRefusalCode; retryAfterMs: number };

/** What the moderators set for an event's chat. */
export interface ChatRoomSettings {
  slowModeSeconds: number;
  paused: boolean;
  linksAllowed: boolean;
}

interface ChatCommands {
  chatSend(base: string, ...argv: (string | number)[]): Promise<string>;
}

/** The chat's key base of an event: its keys sit next to the live ledger's, on the same hash tag. */
export function chatKey(prefix: string, eventId: string, name: string): string {
  return `${eventLedgerBase(prefix, eventId, 'live')}:chat:${name}`;
}

/**
 * The live chat of every event, in Redis. Whether a message is accepted (seated, not banned, the rate limits, slow
 * mode, the room cap) is decided by CHAT_SEND_LUA alone; this class passes arguments and decodes answers.
 */
export class ChatRoom {
  private readonly cmd: ChatCommands;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: ChatLimits = CHAT_LIMITS,
  ) {
    if (!('chatSend' in redis)) redis.defineCommand('chatSend', { numberOfKeys: 1, lua: CHAT_SEND_LUA });
    this.cmd = redis as unknown as ChatCommands;
  }

  /**
   * Posts `text` (already checked by #domain checkChatText) as the registrant, if the script accepts it; `held` (the
   * word filter's verdict) keeps it out of the room's history until a moderator approves it.
   */
  async send(eventId: string, registrantId: string, text: string, held = false): Promise<ChatSendResult> {
    const l = this.limits;
    const raw = await this.cmd.chatSend(
      eventLedgerBase(this.prefix, eventId, 'live'),
      eventId,
      registrantId,
      text,
      l.perRegistrant,
      l.windowMs,
      l.lockoutMs,
      l.roomPerSecond,
      l.history,
      l.streamMaxLen,
      held ? '1' : '0',
    );
    const r = JSON.parse(raw) as {
      ok: boolean;
      msg?: ChatEntry;
      held?: boolean;
      reason?: ChatRefusalCode;
      retry_ms?: number;
    };
    if (r.ok && r.msg) return { ok: true, message: r.msg, held: r.held === true };
    return { ok: false, reason: r.reason ?? 'unavailable', retryAfterMs: Number(r.retry_ms ?? 0) };
  }

  /** The last visible messages of the event, oldest first. */
  async history(eventId: string): Promise<ChatEntry[]> {
    const raw = await this.redis.lrange(chatKey(this.prefix, eventId, 'recent'), 0, this.limits.history - 1);
    return raw.reverse().map((m) => JSON.parse(m) as ChatEntry);
  }

  /** Slow mode, pause and links as the moderators set them. */
  async settings(eventId: string): Promise<ChatRoomSettings> {
    const [slow, paused, links] = await Promise.all([
      this.redis.get(chatKey(this.prefix, eventId, 'slow')),
      this.redis.exists(chatKey(this.prefix, eventId, 'paused')),
      this.redis.exists(chatKey(this.prefix, eventId, 'links')),
    ]);
    return { slowModeSeconds: Number(slow ?? 0) || 0, paused: paused === 1, linksAllowed: links === 1 };
  }
}

interface ModerationCommands {
  chatHide(base: string, id: string): Promise<number>;
  chatRestore(base: string, id: string, history: number): Promise<string | null>;
}

/**
 * What moderators do to an event's chat, written to the keys CHAT_SEND_LUA reads, so every admission node applies
 * it to the next message at once. Telling the rooms (`chat:hidden`, ...) is the caller's.
 */
export class ChatModeration {
  private readonly cmd: ModerationCommands;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: ChatLimits = CHAT_LIMITS,
  ) {
    if (!('chatHide' in redis)) redis.defineCommand('chatHide', { numberOfKeys: 1, lua: CHAT_HIDE_LUA });
    if (!('chatRestore' in redis)) redis.defineCommand('chatRestore', { numberOfKeys: 1, lua: CHAT_RESTORE_LUA });
    this.cmd = redis as unknown as ModerationCommands;
  }

  private base(eventId: string): string {
    return eventLedgerBase(this.prefix, eventId, 'live');
  }

  /** Hides the message from everyone's history; false when the stream no longer holds it. */
  async hide(eventId: string, messageId: string): Promise<boolean> {
    return (await this.cmd.chatHide(this.base(eventId), messageId)) > 0;
  }

  /** Restores a hidden message; its entry, or null when the stream no longer holds it. */
  async restore(eventId: string, messageId: string): Promise<ChatEntry | null> {
    const raw = await this.cmd.chatRestore(this.base(eventId), messageId, this.limits.history);
    return raw ? (JSON.parse(raw) as ChatEntry) : null;
  }

  /** The registrant may not post for `minutes`; a later timeout replaces an earlier one. */
  async timeout(eventId: string, registrantId: string, minutes: number): Promise<void> {
    await this.redis.set(chatKey(this.prefix, eventId, `timeout:${registrantId}`), '1', 'EX', minutes * 60);
  }

  /** The registrant may not post any more in this event (their seat stays). */
  async ban(eventId: string, registrantId: string): Promise<void> {
    await this.redis.sadd(chatKey(this.prefix, eventId, 'banned'), registrantId);
  }

  /** Lifts a ban and a timeout alike; answers whether there was one. */
  async lift(eventId: string, registrantId: string): Promise<boolean> {
    const [[, removed], [, deleted]] = (await this.redis
      .multi()
      .srem(chatKey(this.prefix, eventId, 'banned'), registrantId)
      .del(chatKey(this.prefix, eventId, `timeout:${registrantId}`))
      .exec()) as [[null, number], [null, number]];
    return removed + deleted > 0;
  }

  async setSettings(eventId: string, s: ChatRoomSettings): Promise<void> {
    const m = this.redis.multi();
    const slow = chatKey(this.prefix, eventId, 'slow');
    if (s.slowModeSeconds > 0) m.set(slow, String(s.slowModeSeconds));
    else m.del(slow);
    for (const [name, on] of [
      ['paused', s.paused],
      ['links', s.linksAllowed],
    ] as const) {
      if (on) m.set(chatKey(this.prefix, eventId, name), '1');
      else m.del(chatKey(this.prefix, eventId, name));
    }
    await m.exec();
  }

  /** Whether the event's chat stream still holds the message. */
  async inStream(eventId: string, messageId: string): Promise<boolean> {
    return (await this.redis.xrange(chatKey(this.prefix, eventId, 'stream'), messageId, messageId)).length > 0;
  }

  /** Whether the message waits for review in Redis (the live part of the queue; the control plane has the rest). */
  async isHeld(eventId: string, messageId: string): Promise<boolean> {
    return (await this.redis.sismember(chatKey(this.prefix, eventId, 'held'), messageId)) === 1;
  }
}

/** A chat stream entry as the control plane stores it. */
export interface ChatStreamEntry {
  eventId: string;
  registrantId: string;
  name: string;
  text: string;
  at: number;
  /** The word filter held it for review. */
  held: boolean;
}

/** Decodes the fields CHAT_SEND_LUA writes with XADD. */
export function parseChatFields(fields: string[]): ChatStreamEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  return {
    eventId: f.evt ?? '',
    registrantId: f.reg ?? '',
    name: f.name ?? '',
    text: f.text ?? '',
    at: Number(f.at),
    held: f.held === '1',
  };
}
