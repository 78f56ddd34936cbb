import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type ModeratedMessage = components['schemas']['ChatMessageView'];

/** How often the green room reads the stored chat again (the control plane stores it in batches of about a second). */
export const CHAT_FEED_REFRESH_MS = 2000;
/** What the feed keeps on screen: the newest messages. */
export const CHAT_FEED_MAX = 100;
/** One read of the stored chat (the API's largest page). */
const PAGE = 500;

/**
 * The event's stored chat as moderators see it (hidden and held messages included), read page after page from the
 * last one seen, so a moderator arriving late catches up and then follows. `patch` applies a moderator's own decision
 * at once, before the next read confirms it.
 */
export function useChatFeed(eventId: string, live: boolean) {
  const [messages, setMessages] = useState<ModeratedMessage[]>([]);
  const [failed, setFailed] = useState(false);
  const cursor = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!live) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        for (;;) {
          const page = await unwrap<ModeratedMessage[]>(
            api.GET('/api/events/{id}/chat/messages', {
              params: { path: { id: eventId }, query: { after: cursor.current, limit: PAGE } },
            }),
          );
          if (stopped) return;
          if (page.length > 0) {
            cursor.current = page[page.length - 1].id;
            setMessages((shown) => [...shown, ...page].slice(-CHAT_FEED_MAX));
          }
          setFailed(false);
          if (page.length < PAGE) break;
        }
      } catch {
        if (!stopped) setFailed(true);
      }
      if (!stopped) timer = setTimeout(() => void read(), CHAT_FEED_REFRESH_MS);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [eventId, live]);

  const patch = (id: string, change: Partial<ModeratedMessage>) =>
    setMessages((shown) => shown.map((m) => (m.id === id ? { ...m, ...change } : m)));
  return { messages, failed, patch };
}
