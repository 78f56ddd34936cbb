import type { AdmissionTerms, EventMode, EventState } from '#domain';

// What the control plane tells the other processes about an event. Only the control plane owns the database;
// admission and ingest read this snapshot from Redis (and hear changes on the channel) instead of querying it.
export interface EventSnapshot {
  id: string;
  accountId: string;
  organizerId: string;
  state: EventState;
  mode: EventMode;
  /** Simulive: an on-demand event admitted as a live one (absent in snapshots written before it existed). */
  playAsLive?: boolean;
  /** ISO 8601, UTC. */
  startsAt: string;
  endsAt: string;
  actualStartAt: string | null;
  endedAt: string | null;
  terms: AdmissionTerms;
  overageRateCents: number;
  /** The live cap in force (8 h in the product; tests shorten it through configuration). */
  maxDurationMs: number;
  /** Bumped on every change so readers can ignore stale copies. */
  version: number;
}

export function eventSnapshotKey(prefix: string, eventId: string): string {
  return `${prefix}:event:${eventId}`;
}

/** Pub/sub channel carrying `EventChange` JSON whenever a snapshot is written. */
export function eventChangeChannel(prefix: string): string {
  return `${prefix}:event-changes`;
}

export interface EventChange {
  eventId: string;
  state: EventState;
  version: number;
}
