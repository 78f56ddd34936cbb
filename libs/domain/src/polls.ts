// The rules of live polls that need no Redis: what a poll may ask, which choices a vote may make, how a poll moves
// from draft to closed, and the sentence an attendee reads when a vote is refused. Whether a vote counts (seated,
// open, once per registrant) is decided by the poll script in Redis.

export const POLL_LIMITS = {
  questionMaxChars: 300,
  minOptions: 2,
  maxOptions: 10,
  optionMaxChars: 200,
  /** Each node reads the counts of an event's open polls at most this often, and tells attendees only a change. */
  resultsEveryMs: 1_000,
} as const;

/** draft: prepared, attendees do not see it. open: attendees vote. closed: final, no more votes. */
export const POLL_STATES = ['draft', 'open', 'closed'] as const;
export type PollState = (typeof POLL_STATES)[number];

/** live: attendees see the counts while they vote. closed: only once the poll is closed. */
export const POLL_RESULTS_MODES = ['live', 'closed'] as const;
export type PollResultsMode = (typeof POLL_RESULTS_MODES)[number];

/** Whether an organizer's action applies to a poll in `state`, or why not (a sentence for a 409). */
export function pollTransition(
  state: PollState,
  action: 'edit' | 'delete' | 'open' | 'close',
): { ok: true } | { ok: false; message: string } {
  if (action === 'close') {
    return state === 'open' ? { ok: true } : { ok: false, message: 'only an open poll can be closed' };
  }
  if (state === 'draft') return { ok: true };
  const what = { edit: 'edited', delete: 'deleted', open: 'opened' }[action];
  return { ok: false, message: `only a draft poll can be ${what}; this one is ${state}` };
}

export type PollRefusalCode =
  | 'bad-request'
  | 'bad-choices'
  | 'not-seated'
  | 'not-live'
  | 'banned'
  | 'unknown-poll'
  | 'closed'
  | 'already-voted'
  | 'unavailable';

export interface PollRefusal {
  ok: false;
  reason: PollRefusalCode;
  message: string;
}

const SENTENCES: Record<PollRefusalCode, string> = {
  'bad-request': 'vote as { pollId, choices: [option numbers] }',
  'bad-choices': 'choose one option of this poll (several only where the poll allows it)',
  'not-seated': 'only seated attendees can vote',
  'not-live': 'polls are open while the event is live',
  banned: 'you can no longer take part in this event',
  'unknown-poll': 'there is no such poll',
  closed: 'this poll is closed',
  'already-voted': 'you have already voted in this poll; a vote is final',
  unavailable: 'voting is unavailable; try again',
};

export function pollRefusal(reason: PollRefusalCode): PollRefusal {
  return { ok: false, reason, message: SENTENCES[reason] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The shape of a vote: a poll id and 1 to maxOptions distinct option numbers, sorted. Whether they fit the poll
 * (its option count, single or multiple choice) only the poll script knows.
 */
export function checkPollVote(
  payload: unknown,
): { ok: true; pollId: string; choices: number[] } | { ok: false; reason: 'bad-request' | 'bad-choices' } {
  if (typeof payload !== 'object' || payload === null) return { ok: false, reason: 'bad-request' };
  const { pollId, choices } = payload as { pollId?: unknown; choices?: unknown };
  if (typeof pollId !== 'string' || !UUID.test(pollId)) return { ok: false, reason: 'bad-request' };
  if (!Array.isArray(choices)) return { ok: false, reason: 'bad-request' };
  if (choices.length < 1 || choices.length > POLL_LIMITS.maxOptions) return { ok: false, reason: 'bad-choices' };
  if (!choices.every((c) => Number.isInteger(c) && c >= 0 && c < POLL_LIMITS.maxOptions)) {
    return { ok: false, reason: 'bad-choices' };
  }
  const sorted = [...new Set(choices as number[])].sort((a, b) => a - b);
  if (sorted.length !== choices.length) return { ok: false, reason: 'bad-choices' };
  return { ok: true, pollId, choices: sorted };
}
