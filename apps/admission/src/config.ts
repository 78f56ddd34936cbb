import { hostname } from 'node:os';
import { ConfigOf, documentedAs, env, joinTokenSecret, playbackTokenSecret, sharedSettings } from '#config';
import { DEFAULT_RECONNECT_GRACE_MS } from '#domain';

// An admission node's settings. Durations take 500ms / 30s / 5m forms; the defaults are the product's.
export const admissionSettings = {
  ...sharedSettings,
  ...joinTokenSecret,
  ...playbackTokenSecret,
  PORT: env.port('port of this admission node (HTTP /health, /metrics and Socket.io)', 3100),
  HOST: env.string('interface to listen on', '127.0.0.1'),
  NODE_ID: documentedAs(
    '<hostname>-<pid>',
    env.string('name of this node in the ledger and the attendance log', `${hostname()}-${process.pid}`),
  ),
  LEASE_TTL: env.duration("how long a seat lives without renewal; a crashed node's seats free after this", 30_000),
  RECONNECT_GRACE: env.duration('how long a dropped socket keeps its seat for a reconnect', DEFAULT_RECONNECT_GRACE_MS),
  RENEW_INTERVAL: env.duration(
    'how often the node renews the leases of its sockets in one batch (well under LEASE_TTL)',
    10_000,
  ),
  SWEEP_INTERVAL: env.duration(
    'how often the node frees lapsed leases, promotes waiters and checks the live cap',
    1_000,
  ),
  COUNT_INTERVAL: env.duration('how often viewer counts go to every attendee', 2_000),
  PLAYBACK_TOKEN_TTL: env.duration('life of a playback token', 60_000),
  PLAYBACK_REFRESH_INTERVAL: env.duration(
    'how often a seated attendee gets a fresh playback token (under PLAYBACK_TOKEN_TTL)',
    30_000,
  ),
};

export type AdmissionConfig = ConfigOf<typeof admissionSettings>;

/** Intervals that contradict each other would let seats lapse under attendees who are still watching. */
export function assertConsistentIntervals(c: AdmissionConfig): void {
  if (c.RENEW_INTERVAL >= c.LEASE_TTL) {
    throw new Error(
      `config: RENEW_INTERVAL (${c.RENEW_INTERVAL} ms) must be shorter than LEASE_TTL (${c.LEASE_TTL} ms)`,
    );
  }
  if (c.PLAYBACK_REFRESH_INTERVAL >= c.PLAYBACK_TOKEN_TTL) {
    throw new Error(
      `config: PLAYBACK_REFRESH_INTERVAL (${c.PLAYBACK_REFRESH_INTERVAL} ms) must be shorter than PLAYBACK_TOKEN_TTL (${c.PLAYBACK_TOKEN_TTL} ms)`,
    );
  }
}
