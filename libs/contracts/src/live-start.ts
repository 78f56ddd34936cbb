import type { LiveJobData } from './live-job';

/**
 * What the control plane answers ingest when a publish is accepted: what the live job needs besides where to pull
 * the stream from (ingest adds `sourceUrl`).
 */
export interface LiveStart extends Omit<LiveJobData, 'sourceUrl'> {
  /** True when the event was already live: the presenter reconnected. */
  resumed: boolean;
}

/** Why a live event ended, as ingest and the platform report it. */
export const END_REASONS = ['presenter-stopped', 'duration-cap', 'organizer-ended', 'key-revoked'] as const;
export type EndReason = (typeof END_REASONS)[number];
