import type {
  AdmissionPhase,
  ChatRefusal,
  ChatRefusalCode,
  PollRefusal,
  PollRefusalCode,
  PollResultsMode,
  QaRefusal,
  QaRefusalCode,
  QaStatus,
  SeatTier,
} from '#domain';

export type {
  ChatRefusal,
  ChatRefusalCode,
  PollRefusal,
  PollRefusalCode,
  PollResultsMode,
  QaRefusal,
  QaRefusalCode,
  QaStatus,
};

// What travels over an attendee's socket. Clients connect with `auth: AdmissionAuth` over the websocket transport;
// refusals before a seat is considered arrive as `connect_error` with `data: Refusal`. The two event maps are the
// generics of socket.io's Server and of socket.io-client's Socket, so a renamed event or field breaks the build.

/** The Socket.io handshake `auth` of an attendee. */
export interface AdmissionAuth {
  /** The token of the attendee's join link. */
  token: string;
  eventId: string;
  /** Stable per browser or app install: the same join link counts once on up to 3 devices. */
  deviceId: string;
}

/** Why an attendee is not admitted: a stable code for clients and a sentence for people. */
export type RefusalCode =
  | 'bad-request'
  | 'token-missing'
  | 'token-tampered'
  | 'token-expired'
  | 'token-invalid'
  | 'other-event'
  | 'event-unknown'
  | 'event-not-started'
  | 'event-ended'
  | 'event-cancelled'
  | 'device-limit';

/** The `data` of a `connect_error`, and the body of a refused decision. */
export interface Refusal {
  reason: RefusalCode;
  message: string;
}

export interface PlaybackGrant {
  playbackToken: string;
  playbackTokenExpiresInS: number;
}

export type Decision =
  | ({
      status: 'admitted';
      tier: SeatTier;
      phase: AdmissionPhase;
      reattached?: boolean;
      promoted?: boolean;
    } & PlaybackGrant)
  | { status: 'waiting'; position: number }
  | { status: 'refused'; reason: string; message: string }
  | { status: 'ended'; reason: string; message: string };

/** A chat message as every seated attendee of the event sees it; `id` is its id in the event's chat stream. */
export interface ChatMessage {
  id: string;
  eventId: string;
  author: { name: string };
  /** Plain text (links included): clients render it as text, never as HTML. */
  text: string;
  /** ISO 8601, Redis time of acceptance. */
  at: string;
}

/**
 * A question as attendees see it; `id` is its id in the event's Q&A stream. `author` is null when it was asked
 * anonymously (the organizer still sees the name, in the console). `mine` and `voted` are only in a `qa:board` sent
 * to one attendee, about that attendee.
 */
export interface QaQuestion {
  id: string;
  eventId: string;
  author: { name: string } | null;
  text: string;
  /** ISO 8601, Redis time of asking. */
  at: string;
  status: QaStatus;
  votes: number;
  /** A moderator's answer in text, or null. */
  answer: string | null;
  answeredLive: boolean;
  pinned: boolean;
  mine?: boolean;
  voted?: boolean;
}

/** A question as attendees see it, from what the platform keeps: no registrant id, no name when anonymous. */
export function qaQuestionOf(
  eventId: string,
  q: {
    id: string;
    name: string;
    anonymous: boolean;
    text: string;
    at: number;
    status: QaStatus;
    votes: number;
    answer: string | null;
    answeredLive: boolean;
    pinned: boolean;
  },
): QaQuestion {
  return {
    id: q.id,
    eventId,
    author: q.anonymous ? null : { name: q.name },
    text: q.text,
    at: new Date(q.at).toISOString(),
    status: q.status,
    votes: q.votes,
    answer: q.answer,
    answeredLive: q.answeredLive,
    pinned: q.pinned,
  };
}

export type QaAskAnswer = { ok: true; question: QaQuestion } | QaRefusal;
export type QaUpvoteAnswer = { ok: true; id: string; votes: number } | QaRefusal;

/**
 * A live poll as attendees see it. `options` are numbered from 0 (a vote's `choices`); `results` says whether
 * attendees see the counts while they vote (`live`) or only once it is closed. `voted` is only in a `poll:board`
 * sent to one attendee, about that attendee.
 */
export interface LivePoll {
  id: string;
  eventId: string;
  question: string;
  options: string[];
  multiple: boolean;
  results: PollResultsMode;
  voted?: boolean;
}

/** A poll's counts: votes per option (by index) and how many registrants voted. */
export interface PollResults {
  eventId: string;
  pollId: string;
  counts: number[];
  voters: number;
}

export type PollVoteAnswer = { ok: true } | PollRefusal;

/** The moderators' settings of an event's chat; `slowModeSeconds` 0 is off. */
export interface ChatSettings {
  eventId: string;
  slowModeSeconds: number;
  paused: boolean;
  /** Links in messages show as links; otherwise as plain text. */
  linksAllowed: boolean;
}

/**
 * What the control plane publishes on `chatModerationChannel` (JSON) for every admission node to pass on to the
 * event's chat room at once.
 */
export type ChatModerationNotice =
  | { type: 'hidden'; eventId: string; id: string }
  | { type: 'restored'; eventId: string; message: ChatMessage }
  | ({ type: 'settings' } & ChatSettings)
  /** A moderator decided on a question (approved, answered, pinned, dismissed, reopened). */
  | { type: 'question'; eventId: string; question: QaQuestion }
  /** The organizer opened a poll. */
  | { type: 'poll-opened'; eventId: string; poll: LivePoll }
  /** The organizer closed a poll: its final counts. */
  | { type: 'poll-closed'; eventId: string; poll: LivePoll; results: PollResults };

/** Pub/sub channel of `ChatModerationNotice`s, every event's. */
export function chatModerationChannel(prefix: string): string {
  return `${prefix}:chat-moderation`;
}

/** `held`: the word filter keeps the message for the moderators' review; only its author sees it until approved. */
export type ChatSendAnswer = { ok: true; id: string; held?: true } | ChatRefusal;

export interface ServerToClientEvents {
  decision(d: Decision): void;
  /** A waiting attendee's new place in the queue (1 = next). */
  position(p: { position: number }): void;
  'playback-token'(t: PlaybackGrant): void;
  viewers(v: { eventId: string; viewers: number; waiting: number }): void;
  /** The seat is gone (lapsed, or the same device connected elsewhere). */
  lost(l: { reason: string; message: string }): void;
  ended(e: { reason: string; message: string }): void;
  /** A message accepted on any node, to the seated attendees of the event. */
  'chat:message'(m: ChatMessage): void;
  /** On being seated: the last visible messages, oldest first. */
  'chat:history'(h: { eventId: string; messages: ChatMessage[] }): void;
  /** A moderator hid the message: clients remove it; it is gone from later joiners' history too. */
  'chat:hidden'(h: { eventId: string; id: string }): void;
  /** A moderator restored a hidden message: clients put it back in its place (by `at`). */
  'chat:restored'(m: ChatMessage): void;
  /** The moderators changed slow mode or paused the chat; also sent on being seated. */
  'chat:settings'(s: ChatSettings): void;
  /** On being seated: the questions on the board (and the attendee's own pending ones), newest first. */
  'qa:board'(b: { eventId: string; questions: QaQuestion[] }): void;
  /**
   * A question is new on the board or changed (votes, answer, pin, status); a `dismissed` one leaves the board.
   * Pending questions reach only their author (in the ask's answer), so this never carries one.
   */
  'qa:question'(q: QaQuestion): void;
  /** On being seated: the event's open polls (whether the attendee voted), and the counts of those shown live. */
  'poll:board'(b: { eventId: string; polls: LivePoll[]; results: PollResults[] }): void;
  /** The organizer opened a poll. */
  'poll:opened'(p: LivePoll): void;
  /**
   * The counts of an open poll shown live changed: at most about once a second per poll (each node reads them at
   * most once a second), never per vote.
   */
  'poll:results'(r: PollResults): void;
  /** The organizer closed a poll: no more votes; its final counts, to everyone, whatever its results mode. */
  'poll:closed'(c: { poll: LivePoll; results: PollResults }): void;
}

export interface ClientToServerEvents {
  /** Give the seat up now (no reconnect grace). */
  leave(ack?: (r: { ok: boolean }) => void): void;
  /** Post to the event's chat (seated attendees of the live phase only). */
  'chat:send'(m: { text: string }, ack?: (r: ChatSendAnswer) => void): void;
  /** Ask a question; `anonymous` hides the name from other attendees, never from the organizer. */
  'qa:ask'(q: { text: string; anonymous?: boolean }, ack?: (r: QaAskAnswer) => void): void;
  /** Upvote a question on the board: once per registrant, whatever their devices. */
  'qa:upvote'(v: { id: string }, ack?: (r: QaUpvoteAnswer) => void): void;
  /** Vote in an open poll: option numbers (one, or several where the poll allows); once per registrant, final. */
  'poll:vote'(v: { pollId: string; choices: number[] }, ack?: (r: PollVoteAnswer) => void): void;
}

export type ServerEventName = keyof ServerToClientEvents;
export type ClientEventName = keyof ClientToServerEvents;

/** Every event the server sends, for clients that frame the protocol by hand (k6, the bench's bare websocket). */
export const SERVER_EVENTS = [
  'decision',
  'position',
  'playback-token',
  'viewers',
  'lost',
  'ended',
  'chat:message',
  'chat:history',
  'chat:hidden',
  'chat:restored',
  'chat:settings',
  'qa:board',
  'qa:question',
  'poll:board',
  'poll:opened',
  'poll:results',
  'poll:closed',
] as const satisfies readonly ServerEventName[];

export const CLIENT_EVENTS = [
  'leave',
  'chat:send',
  'qa:ask',
  'qa:upvote',
  'poll:vote',
] as const satisfies readonly ClientEventName[];
