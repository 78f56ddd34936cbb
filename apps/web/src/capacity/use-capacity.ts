import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type EventCapacity = components['schemas']['EventCapacityView'];

/** How often a live event's seats are read again: the figures move with every join and leave. */
export const CAPACITY_REFRESH_MS = 3000;

/** The event's seats in use now, refreshed every few seconds while it is live. */
export function useCapacity(eventId: string, live: boolean) {
  return useQuery({
    queryKey: ['events', eventId, 'capacity'],
    queryFn: () => unwrap<EventCapacity>(api.GET('/api/events/{id}/capacity', { params: { path: { id: eventId } } })),
    refetchInterval: live ? CAPACITY_REFRESH_MS : false,
  });
}
