// The rules of live Q&A that need no Redis: what a question may be, who sees it, what moderators may do to it, and
// the sentence an attendee reads when the platform refuses. The text rules are the chat's (checkChatText).

export const QA_LIMITS = {
  /** A registrant may ask this many questions (across their devices and nodes) per window. */
  perRegistrant: 3,
  windowMs: 60_000,
  /** What a joiner receives: the questions on the board, newest first. */
  history: 200,
} as const;

export type QaLimits = Record<keyof typeof QA_LIMITS, number>;

/**
 * pending: waits for a moderator's approval (events that require it); only its author and the moderators see it.
 * open: on the board, attendees upvote it. answered: a moderator answered it (in text, or live). dismissed: off the
 * board for attendees; the moderators still see it.
 */
export const QA_STATUSES = ['pending', 'open', 'answered', 'dismissed'] as const;
export type QaStatus = (typeof QA_STATUSES)[number];

/** What moderators do to a question. */
export type QaOperation =
  | { op: 'approve' }
  | { op: 'answer'; text: string }
  | { op: 'answered-live' }
  | { op: 'pin'; pinned: boolean }
  | { op: 'dismiss' }
  | { op: 'reopen' };

export const QA_ANSWER_MAX_CHARS = 2000;

/** The status a question moves to, or why the operation does not apply to it (a sentence for a 409). */
export function qaTransition(
  from: QaStatus,
  o: QaOperation,
): { ok: true; status: QaStatus } | { ok: false; message: string } {
  switch (o.op) {
    case 'approve':
      return from === 'pending'
        ? { ok: true, status: 'open' }
        : { ok: false, message: 'only a pending question can be approved' };
    case 'answer':
    case 'answered-live':
      return from === 'dismissed'
        ? { ok: false, message: 'a dismissed question cannot be answered; reopen it first' }
        : { ok: true, status: 'answered' };
    case 'pin':
      return from === 'open' || from === 'answered'
        ? { ok: true, status: from }
        : { ok: false, message: 'only a question on the board can be pinned' };
    case 'dismiss':
      return from === 'dismissed'
        ? { ok: false, message: 'the question is already dismissed' }
        : { ok: true, status: 'dismissed' };
    case 'reopen':
      return from === 'dismissed' || from === 'answered'
        ? { ok: true, status: 'open' }
        : { ok: false, message: 'only a dismissed or answered question can be reopened' };
  }
}

/** Attendees see a question when it is on the board; its author also while it waits for approval. */
export function qaVisibleTo(status: QaStatus, isAuthor: boolean): boolean {
  if (status === 'open' || status === 'answered') return true;
  return status === 'pending' && isAuthor;
}

export type QaRefusalCode =
  | 'bad-request'
  | 'empty'
  | 'too-long'
  | 'control-characters'
  | 'not-seated'
  | 'not-live'
  | 'banned'
  | 'timed-out'
  | 'rate-limited'
  | 'unknown-question'
  | 'not-open'
  | 'own-question'
  | 'already-voted'
  | 'unavailable';

export interface QaRefusal {
  ok: false;
  reason: QaRefusalCode;
  message: string;
  retryAfterS?: number;
}

const SENTENCES: Record<QaRefusalCode, string> = {
  'bad-request': 'ask a question as { text, anonymous }',
  empty: 'write your question first',
  'too-long': 'a question has at most 500 characters',
  'control-characters': 'a question may not contain control characters',
  'not-seated': 'only seated attendees can ask and vote',
  'not-live': 'questions are open while the event is live',
  banned: 'you can no longer take part in this event',
  'timed-out': 'a moderator has timed you out',
  'rate-limited': 'you are asking questions too fast',
  'unknown-question': 'there is no such question',
  'not-open': 'this question is no longer open for votes',
  'own-question': 'you cannot upvote your own question',
  'already-voted': 'you have already upvoted this question',
  unavailable: 'questions are unavailable; try again',
};

export function qaRefusal(reason: QaRefusalCode, retryAfterS?: number): QaRefusal {
  if (retryAfterS === undefined) return { ok: false, reason, message: SENTENCES[reason] };
  return { ok: false, reason, message: `${SENTENCES[reason]}; try again in ${retryAfterS} s`, retryAfterS };
}
