import type { EventMode } from '../events/event-record';
import type { EventState } from '#domain';

export interface JoinPlayback {
  /** What plays now: the live master while live, the recording once ended and ready, the asset of an on-demand event. */
  phase: 'live' | 'on-demand' | null;
  masterUrl: string | null;
  /** Every master playlist the event has (live and replay), for clients that choose themselves. */
  liveMasterUrl: string | null;
  replayMasterUrl: string | null;
}

export interface LivePlayback {
  liveMasterUrl: string;
  replayMasterUrl: string | null;
}

/** Pure: which playlist an attendee plays, from the event's mode and state and what the live and media parts have. */
export function choosePlayback(
  mode: EventMode,
  state: EventState,
  live: LivePlayback | null,
  onDemandMasterUrl: string | null,
): JoinPlayback {
  if (mode === 'on-demand') {
    return {
      phase: onDemandMasterUrl ? 'on-demand' : null,
      masterUrl: onDemandMasterUrl,
      liveMasterUrl: null,
      replayMasterUrl: null,
    };
  }
  const liveMasterUrl = live?.liveMasterUrl ?? null;
  const replayMasterUrl = live?.replayMasterUrl ?? null;
  if (state === 'live' && liveMasterUrl) {
    return { phase: 'live', masterUrl: liveMasterUrl, liveMasterUrl, replayMasterUrl };
  }
  if (state === 'ended' && replayMasterUrl) {
    return { phase: 'on-demand', masterUrl: replayMasterUrl, liveMasterUrl, replayMasterUrl };
  }
  return { phase: null, masterUrl: null, liveMasterUrl, replayMasterUrl };
}
