import type { Redis } from 'ioredis';
import { CHAT_LIMITS, PollRefusalCode, PollResultsMode } from '#domain';
import { POLL_VOTE_LUA } from './poll-lua';
import { eventLedgerBase } from './ledger-keys';

/** A poll as attendees vote in it: what the control plane wrote to Redis when it opened the poll. */
export interface LivePollEntry {
  id: string;
  question: string;
  options: string[];
  multiple: boolean;
  results: PollResultsMode;
  state: 'open' | 'closed';
}

/** Votes per option (by index) and how many registrants voted. */
export interface PollCounts {
  counts: number[];
  voters: number;
}

export type PollVoteResult = { ok: true } | { ok: false; reason: PollRefusalCode };

interface PollCommands {
  pollVote(base: string, ...argv: (string | number)[]): Promise<string>;
}

/** A poll's key of an event: next to the live ledger's, on the same hash tag. */
export function pollKey(prefix: string, eventId: string, name: string): string {
  return `${eventLedgerBase(prefix, eventId, 'live')}:${name}`;
}

function countsOf(raw: Record<string, string>, options: number, voters: number): PollCounts {
  return { counts: Array.from({ length: options }, (_, i) => Number(raw[String(i)] ?? 0)), voters };
}

/**
 * The live polls of every event, in Redis. Whether a vote counts is decided by the script of poll-lua.ts alone;
 * opening and closing (from the control plane) are one MULTI each on the event's hash tag.
 */
export class PollRoom {
  private readonly cmd: PollCommands;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly streamMaxLen: number = CHAT_LIMITS.streamMaxLen,
  ) {
    if (!('pollVote' in redis)) redis.defineCommand('pollVote', { numberOfKeys: 1, lua: POLL_VOTE_LUA });
    this.cmd = redis as unknown as PollCommands;
  }

  private key(eventId: string, name: string): string {
    return pollKey(this.prefix, eventId, name);
  }

  /** The registrant's vote: `choices` distinct option indexes, sorted (#domain checkPollVote). */
  async vote(eventId: string, registrantId: string, pollId: string, choices: number[]): Promise<PollVoteResult> {
    const raw = await this.cmd.pollVote(
      eventLedgerBase(this.prefix, eventId, 'live'),
      eventId,
      registrantId,
      pollId,
      choices.join(','),
      this.streamMaxLen,
    );
    const r = JSON.parse(raw) as { ok: boolean; reason?: PollRefusalCode };
    return r.ok ? { ok: true } : { ok: false, reason: r.reason ?? 'unavailable' };
  }

  /** Opens the poll for votes (none counted yet). */
  async open(eventId: string, poll: Omit<LivePollEntry, 'state'>): Promise<void> {
    const P = this.key(eventId, `poll:${poll.id}`);
    await this.redis
      .multi()
      .del(`${P}:voters`, `${P}:counts`)
      .hset(P, {
        state: 'open',
        options: poll.options.length,
        multiple: poll.multiple ? '1' : '0',
        results: poll.results,
        question: poll.question,
        labels: JSON.stringify(poll.options),
      })
      .sadd(this.key(eventId, 'polls'), poll.id)
      .exec();
  }

  /** Closes the poll: no vote counts after this; answers the final counts, or null for a poll Redis does not know. */
  async close(eventId: string, pollId: string): Promise<PollCounts | null> {
    const P = this.key(eventId, `poll:${pollId}`);
    const answers = await this.redis
      .multi()
      .hget(P, 'options')
      .hset(P, 'state', 'closed')
      .srem(this.key(eventId, 'polls'), pollId)
      .hgetall(`${P}:counts`)
      .scard(`${P}:voters`)
      .exec();
    const [[, options], , , [, counts], [, voters]] = answers ?? [];
    if (options === null || options === undefined) {
      await this.redis.del(P);
      return null;
    }
    return countsOf(counts as Record<string, string>, Number(options), Number(voters));
  }

  /** The event's open polls, oldest id order. */
  async openPolls(eventId: string): Promise<LivePollEntry[]> {
    const ids = (await this.redis.smembers(this.key(eventId, 'polls'))).sort();
    const all = await Promise.all(ids.map((id) => this.poll(eventId, id)));
    return all.filter((p): p is LivePollEntry => p !== null && p.state === 'open');
  }

  async poll(eventId: string, pollId: string): Promise<LivePollEntry | null> {
    const h = await this.redis.hgetall(this.key(eventId, `poll:${pollId}`));
    if (!h.state) return null;
    return {
      id: pollId,
      question: h.question ?? '',
      options: JSON.parse(h.labels ?? '[]') as string[],
      multiple: h.multiple === '1',
      results: h.results === 'closed' ? 'closed' : 'live',
      state: h.state === 'open' ? 'open' : 'closed',
    };
  }

  /** The counts of each poll (by id; `options` is its option count), read in one round trip. */
  async counts(eventId: string, polls: { id: string; options: number }[]): Promise<Map<string, PollCounts>> {
    if (polls.length === 0) return new Map();
    const m = this.redis.multi();
    for (const p of polls) {
      m.hgetall(this.key(eventId, `poll:${p.id}:counts`));
      m.scard(this.key(eventId, `poll:${p.id}:voters`));
    }
    const answers = (await m.exec()) ?? [];
    return new Map(
      polls.map((p, i) => [
        p.id,
        countsOf(
          (answers[2 * i]?.[1] ?? {}) as Record<string, string>,
          p.options,
          Number(answers[2 * i + 1]?.[1] ?? 0),
        ),
      ]),
    );
  }

  /** Which of the polls the registrant voted in. */
  async votedBy(eventId: string, registrantId: string, pollIds: string[]): Promise<Set<string>> {
    if (pollIds.length === 0) return new Set();
    const m = this.redis.multi();
    for (const id of pollIds) m.sismember(this.key(eventId, `poll:${id}:voters`), registrantId);
    const answers = (await m.exec()) ?? [];
    return new Set(pollIds.filter((_, i) => answers[i]?.[1] === 1));
  }

  /** Forgets a poll (its draft was deleted, or its event ended long ago). */
  async forget(eventId: string, pollId: string): Promise<void> {
    const P = this.key(eventId, `poll:${pollId}`);
    await this.redis.multi().srem(this.key(eventId, 'polls'), pollId).del(P, `${P}:voters`, `${P}:counts`).exec();
  }
}
