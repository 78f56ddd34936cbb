/** What the control plane answers ingest when a publish is accepted: everything the live job needs. */
export interface LiveStart {
  eventId: string;
  assetId: string;
  outputPrefix: string;
  keyUri: string;
  segmentSeconds: number;
  /** ISO 8601: when the event went live (the first publish; a resumed publish keeps it). */
  actualStartAt: string;
  maxDurationMs: number;
  /** True when the event was already live: the presenter reconnected. */
  resumed: boolean;
}

/** Why a live event ended, as ingest and the platform report it. */
export const END_REASONS = ['presenter-stopped', 'duration-cap', 'organizer-ended', 'key-revoked'] as const;
export type EndReason = (typeof END_REASONS)[number];
