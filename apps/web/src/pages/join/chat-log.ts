import type { ChatMessage } from '#contracts';

/** How many messages the page keeps in memory: older ones leave the list as new ones arrive. */
export const CHAT_LOG_MAX = 200;

/** The log with `incoming` appended, oldest first, each message once (a history may repeat what was already shown). */
export function appendChatMessages(log: ChatMessage[], incoming: ChatMessage[], max = CHAT_LOG_MAX): ChatMessage[] {
  const seen = new Set(log.map((m) => m.id));
  const fresh = incoming.filter((m) => !seen.has(m.id) && (seen.add(m.id), true));
  if (fresh.length === 0) return log;
  const next = [...log, ...fresh];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** A stream id's two numbers, for ordering ("1-10" comes after "1-9"). */
function streamOrder(id: string): [number, number] {
  const [ms, seq] = id.split('-');
  return [Number(ms), Number(seq)];
}

function before(a: string, b: string): boolean {
  const [am, as] = streamOrder(a);
  const [bm, bs] = streamOrder(b);
  return am < bm || (am === bm && as < bs);
}

/** The log with a message a moderator restored (or approved) back in its place, by the time it was accepted. */
export function restoreChatMessage(log: ChatMessage[], m: ChatMessage, max = CHAT_LOG_MAX): ChatMessage[] {
  if (log.some((x) => x.id === m.id)) return log;
  const at = log.findIndex((x) => before(m.id, x.id));
  const next = at === -1 ? [...log, m] : [...log.slice(0, at), m, ...log.slice(at)];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** The log without a message a moderator hid. */
export function hideChatMessage(log: ChatMessage[], id: string): ChatMessage[] {
  return log.some((m) => m.id === id) ? log.filter((m) => m.id !== id) : log;
}

export type ChatTextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// http(s) addresses only; a trailing full stop, comma or closing bracket is the sentence's, not the address's
const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/giu;

/** A message's text cut into plain text and http(s) links, for organizers who let links show as links. */
export function chatTextParts(text: string): ChatTextPart[] {
  const parts: ChatTextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
