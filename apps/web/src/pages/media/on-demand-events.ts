import { useQuery } from '@tanstack/react-query';
import type { EventView } from '../../api/console-types';
import { eventsQuery } from '../../api/queries';

/** The webcasts a video can be the on-demand content of: on-demand mode, not cancelled. */
export function useOnDemandEvents(): EventView[] {
  const events = useQuery(eventsQuery());
  return (events.data ?? [])
    .filter((e) => e.mode === 'on-demand' && e.state !== 'cancelled')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
