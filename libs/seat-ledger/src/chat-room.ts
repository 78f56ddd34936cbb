import type { Redis } from 'ioredis';
import { CHAT_LIMITS, ChatLimits, ChatRefusalCode } from '#domain';
import { CHAT_SEND_LUA } from './chat-lua';
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
  { ok: true; message: ChatEntry } | { ok: false; reason: ChatRefusalCode; retryAfterMs: number };

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

  /** Posts `text` (already checked by #domain checkChatText) as the registrant, if the script accepts it. */
  async send(eventId: string, registrantId: string, text: string): Promise<ChatSendResult> {
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
    );
    const r = JSON.parse(raw) as { ok: boolean; msg?: ChatEntry; reason?: ChatRefusalCode; retry_ms?: number };
    if (r.ok && r.msg) return { ok: true, message: r.msg };
    return { ok: false, reason: r.reason ?? 'unavailable', retryAfterMs: Number(r.retry_ms ?? 0) };
  }

  /** The last visible messages of the event, oldest first. */
  async history(eventId: string): Promise<ChatEntry[]> {
    const raw = await this.redis.lrange(chatKey(this.prefix, eventId, 'recent'), 0, this.limits.history - 1);
    return raw.reverse().map((m) => JSON.parse(m) as ChatEntry);
  }
}

/** A chat stream entry as the control plane stores it. */
export interface ChatStreamEntry {
  eventId: string;
  registrantId: string;
  name: string;
  text: string;
  at: number;
}

/** Decodes the fields CHAT_SEND_LUA writes with XADD. */
export function parseChatFields(fields: string[]): ChatStreamEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  return { eventId: f.evt ?? '', registrantId: f.reg ?? '', name: f.name ?? '', text: f.text ?? '', at: Number(f.at) };
}
