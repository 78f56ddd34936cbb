// The rules of live chat that need no Redis: what a message's text may be, the limits the chat script enforces,
// and the sentence an attendee reads when a message is refused. Text is kept as typed (links included): clients
// render it as text, never as HTML.

export const CHAT_TEXT_MAX_CHARS = 500;

/** What the chat script of the event enforces; the numbers are the product's. */
export const CHAT_LIMITS = {
  /** A registrant may send this many messages (across all their devices and nodes) per window... */
  perRegistrant: 3,
  windowMs: 5_000,
  /** ...and is then locked out this long. */
  lockoutMs: 10_000,
  /** Messages per second for the whole room. */
  roomPerSecond: 20,
  /** What a joiner receives, and what the room keeps at hand. */
  history: 50,
  /** The event's chat stream is trimmed near this length; the control plane keeps everything. */
  streamMaxLen: 10_000,
} as const;

/** What moderators may set: slow mode's wait, a timeout's length. */
export const CHAT_MODERATION_LIMITS = {
  slowModeMaxSeconds: 300,
  timeoutMaxMinutes: 1440,
} as const;

export type ChatLimits = Record<keyof typeof CHAT_LIMITS, number>;

export type ChatRefusalCode =
  | 'bad-request'
  | 'empty'
  | 'too-long'
  | 'control-characters'
  | 'not-seated'
  | 'not-live'
  | 'banned'
  | 'timed-out'
  | 'paused'
  | 'rate-limited'
  | 'slow-mode'
  | 'room-busy'
  | 'unavailable';

export interface ChatRefusal {
  ok: false;
  reason: ChatRefusalCode;
  message: string;
  /** When the attendee may try again (rate limits, slow mode and timeouts only). */
  retryAfterS?: number;
}

const SENTENCES: Record<ChatRefusalCode, string> = {
  'bad-request': 'send a chat message as { text }',
  empty: 'write something first',
  'too-long': `a chat message has at most ${CHAT_TEXT_MAX_CHARS} characters`,
  'control-characters': 'a chat message may not contain control characters',
  'not-seated': 'only seated attendees can chat',
  'not-live': 'chat is open while the event is live',
  banned: 'you can no longer chat in this event',
  'timed-out': 'a moderator has timed you out of the chat',
  paused: 'the moderators have paused the chat',
  'rate-limited': 'you are sending messages too fast',
  'slow-mode': 'slow mode is on',
  'room-busy': 'the chat is very busy right now',
  unavailable: 'chat is unavailable; try again',
};

/** A refusal with its sentence; the rate limits say when to try again. */
export function chatRefusal(reason: ChatRefusalCode, retryAfterS?: number): ChatRefusal {
  if (retryAfterS === undefined) return { ok: false, reason, message: SENTENCES[reason] };
  return { ok: false, reason, message: `${SENTENCES[reason]}; try again in ${retryAfterS} s`, retryAfterS };
}

// C0 and C1 controls and DEL; a message is one paragraph of text, so line breaks are refused too
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text of a `chat:send` payload, trimmed, or why it is refused. */
export function checkChatText(payload: unknown): { ok: true; text: string } | ChatRefusal {
  const p = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  if (typeof p.text !== 'string') return chatRefusal('bad-request');
  // a lone surrogate is not text any client could have typed
  if (LONE_SURROGATE.test(p.text)) return chatRefusal('bad-request');
  const text = p.text.trim();
  if (text.length === 0) return chatRefusal('empty');
  // counted in characters (code points), so an emoji is one
  if ([...text].length > CHAT_TEXT_MAX_CHARS) return chatRefusal('too-long');
  if (CONTROL.test(text)) return chatRefusal('control-characters');
  return { ok: true, text };
}
