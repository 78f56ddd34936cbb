import type { Redis } from 'ioredis';
import { CHAT_LIMITS, QA_LIMITS, QaLimits, QaRefusalCode, QaStatus } from '#domain';
import { QA_ASK_LUA, QA_MODERATE_LUA, QA_VOTE_LUA } from './qa-lua';
import { eventLedgerBase } from './ledger-keys';

/** A question as the Q&A scripts keep it (`at` in ms, Redis time). `registrantId` never leaves the platform's servers. */
export interface QaEntry {
  id: string;
  registrantId: string;
  name: string;
  anonymous: boolean;
  text: string;
  at: number;
  status: QaStatus;
  answer: string | null;
  answeredLive: boolean;
  pinned: boolean;
  votes: number;
}

export type QaResult =
  { ok: true; question: QaEntry } | { ok: false; reason: QaRefusalCode | 'changed'; retryAfterMs: number };

interface RawQuestion {
  id: string;
  reg: string;
  name: string;
  anon: string;
  text: string;
  at: string;
  status: QaStatus;
  answer: string;
  live: string;
  pinned: string;
  votes: number;
}

function toEntry(q: RawQuestion): QaEntry {
  return {
    id: q.id,
    registrantId: q.reg,
    name: q.name,
    anonymous: q.anon === '1',
    text: q.text,
    at: Number(q.at),
    status: q.status,
    answer: q.answer ? q.answer : null,
    answeredLive: q.live === '1',
    pinned: q.pinned === '1',
    votes: Number(q.votes),
  };
}

function decode(raw: string): QaResult {
  const r = JSON.parse(raw) as { ok: boolean; q?: RawQuestion; reason?: QaRefusalCode | 'changed'; retry_ms?: number };
  if (r.ok && r.q) return { ok: true, question: toEntry(r.q) };
  return { ok: false, reason: r.reason ?? 'unavailable', retryAfterMs: Number(r.retry_ms ?? 0) };
}

interface QaCommands {
  qaAsk(base: string, ...argv: (string | number)[]): Promise<string>;
  qaVote(base: string, ...argv: (string | number)[]): Promise<string>;
  qaModerate(base: string, ...argv: (string | number)[]): Promise<string>;
}

/** The Q&A key of an event: next to the live ledger's, on the same hash tag. */
export function qaKey(prefix: string, eventId: string, name: string): string {
  return `${eventLedgerBase(prefix, eventId, 'live')}:qa:${name}`;
}

/**
 * The live Q&A of every event, in Redis. Whether a question is accepted, a vote counted or a decision applied is
 * decided by the scripts of qa-lua.ts alone; this class passes arguments and decodes answers.
 */
export class QaRoom {
  private readonly cmd: QaCommands;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: QaLimits = QA_LIMITS,
    private readonly streamMaxLen: number = CHAT_LIMITS.streamMaxLen,
  ) {
    if (!('qaAsk' in redis)) redis.defineCommand('qaAsk', { numberOfKeys: 1, lua: QA_ASK_LUA });
    if (!('qaVote' in redis)) redis.defineCommand('qaVote', { numberOfKeys: 1, lua: QA_VOTE_LUA });
    if (!('qaModerate' in redis)) redis.defineCommand('qaModerate', { numberOfKeys: 1, lua: QA_MODERATE_LUA });
    this.cmd = redis as unknown as QaCommands;
  }

  private base(eventId: string): string {
    return eventLedgerBase(this.prefix, eventId, 'live');
  }

  /** Asks `text` (checked by #domain checkChatText) as the registrant. */
  async ask(eventId: string, registrantId: string, text: string, anonymous: boolean): Promise<QaResult> {
    const l = this.limits;
    return decode(
      await this.cmd.qaAsk(
        this.base(eventId),
        eventId,
        registrantId,
        text,
        anonymous ? '1' : '0',
        l.perRegistrant,
        l.windowMs,
        this.streamMaxLen,
      ),
    );
  }

  async upvote(eventId: string, registrantId: string, questionId: string): Promise<QaResult> {
    return decode(await this.cmd.qaVote(this.base(eventId), eventId, registrantId, questionId, this.streamMaxLen));
  }

  /** Applies a moderator's decision if the question is still in `expected` (else `changed`). */
  async moderate(
    eventId: string,
    questionId: string,
    expected: QaStatus,
    next: { status: QaStatus; answer: string | null; answeredLive: boolean; pinned: boolean },
    actorId: string,
  ): Promise<QaResult> {
    return decode(
      await this.cmd.qaModerate(
        this.base(eventId),
        eventId,
        questionId,
        expected,
        next.status,
        next.answer ?? '',
        next.answeredLive ? '1' : '0',
        next.pinned ? '1' : '0',
        actorId,
        this.streamMaxLen,
      ),
    );
  }

  /** One question, or null. */
  async question(eventId: string, questionId: string): Promise<QaEntry | null> {
    const [h, votes] = await Promise.all([
      this.redis.hgetall(qaKey(this.prefix, eventId, `q:${questionId}`)),
      this.redis.scard(qaKey(this.prefix, eventId, `votes:${questionId}`)),
    ]);
    if (!h.status) return null;
    return toEntry({ ...(h as unknown as RawQuestion), id: questionId, votes });
  }

  /** The event's newest questions (any status: callers filter what each person may see), newest first. */
  async board(eventId: string): Promise<QaEntry[]> {
    const ids = await this.redis.zrevrange(qaKey(this.prefix, eventId, 'board'), 0, this.limits.history - 1);
    const all = await Promise.all(ids.map((id) => this.question(eventId, id)));
    return all.filter((q): q is QaEntry => q !== null);
  }

  /** Which of the questions the registrant upvoted. */
  async votedBy(eventId: string, registrantId: string, questionIds: string[]): Promise<Set<string>> {
    if (questionIds.length === 0) return new Set();
    const m = this.redis.multi();
    for (const id of questionIds) m.sismember(qaKey(this.prefix, eventId, `votes:${id}`), registrantId);
    const answers = (await m.exec()) ?? [];
    return new Set(questionIds.filter((_, i) => answers[i]?.[1] === 1));
  }

  async approvalRequired(eventId: string): Promise<boolean> {
    return (await this.redis.exists(qaKey(this.prefix, eventId, 'approval'))) === 1;
  }

  async setApprovalRequired(eventId: string, required: boolean): Promise<void> {
    const key = qaKey(this.prefix, eventId, 'approval');
    if (required) await this.redis.set(key, '1');
    else await this.redis.del(key);
  }
}

/** A Q&A stream entry (poll votes included) as the control plane stores it. */
export type QaStreamEntry =
  | {
      type: 'ask';
      eventId: string;
      registrantId: string;
      name: string;
      anonymous: boolean;
      text: string;
      status: QaStatus;
      at: number;
    }
  | { type: 'vote'; eventId: string; questionId: string; registrantId: string; at: number }
  /** A vote in a live poll (poll-lua.ts): the polls share the Q&A's stream. */
  | { type: 'poll-vote'; eventId: string; pollId: string; registrantId: string; choices: number[]; at: number }
  | {
      type: 'moderate';
      eventId: string;
      questionId: string;
      status: QaStatus;
      answer: string | null;
      answeredLive: boolean;
      pinned: boolean;
      actorId: string;
      at: number;
    };

/** Decodes the fields the Q&A scripts write with XADD; null for an entry of no known type. */
export function parseQaFields(fields: string[]): QaStreamEntry | null {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  const at = Number(f.at);
  const eventId = f.evt ?? '';
  if (f.type === 'ask') {
    const status = (f.status as QaStatus) ?? 'open';
    return {
      type: 'ask',
      eventId,
      registrantId: f.reg ?? '',
      name: f.name ?? '',
      anonymous: f.anon === '1',
      text: f.text ?? '',
      status,
      at,
    };
  }
  if (f.type === 'vote') return { type: 'vote', eventId, questionId: f.q ?? '', registrantId: f.reg ?? '', at };
  if (f.type === 'poll-vote') {
    const choices = (f.choices ?? '').split(',').filter(Boolean).map(Number);
    return { type: 'poll-vote', eventId, pollId: f.poll ?? '', registrantId: f.reg ?? '', choices, at };
  }
  if (f.type === 'moderate') {
    return {
      type: 'moderate',
      eventId,
      questionId: f.q ?? '',
      status: f.status as QaStatus,
      answer: f.answer ? f.answer : null,
      answeredLive: f.live === '1',
      pinned: f.pinned === '1',
      actorId: f.actor ?? '',
      at,
    };
  }
  return null;
}
