import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type OutboxEntry = components['schemas']['OutboxEntryView'];
export type OutboxMail = components['schemas']['OutboxMailView'];

/** The embedded catcher's mails, newest first; refreshed while the page is open so a new mail appears by itself. */
export const outboxQuery = () =>
  queryOptions({
    queryKey: ['outbox'],
    queryFn: () => unwrap<OutboxEntry[]>(api.GET('/api/dev/outbox')),
    refetchInterval: 3000,
  });

export const outboxMailQuery = (id: string) =>
  queryOptions({
    queryKey: ['outbox', id],
    queryFn: () => unwrap<OutboxMail>(api.GET('/api/dev/outbox/{id}', { params: { path: { id } } })),
    staleTime: Infinity,
  });

/** The links a mail's plain text holds (the join link among them), to open from the outbox. */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
}
