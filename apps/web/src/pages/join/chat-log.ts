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
