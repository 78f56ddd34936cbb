import type { SeatTier } from '#domain';
import type { AdmissionPhase } from '#seat-ledger';

// What travels over an attendee's socket. Clients connect with `auth: { token, eventId, deviceId }` over the
// websocket transport; refusals before a seat is considered arrive as `connect_error` with `data: { reason, message }`.

export interface PlaybackGrant {
  playbackToken: string;
  playbackTokenExpiresInS: number;
}

export type Decision =
  | ({
      status: 'admitted';
      tier: SeatTier;
      phase: AdmissionPhase;
      reattached?: boolean;
      promoted?: boolean;
    } & PlaybackGrant)
  | { status: 'waiting'; position: number }
  | { status: 'refused'; reason: string; message: string }
  | { status: 'ended'; reason: string; message: string };

export interface ServerToClientEvents {
  decision(d: Decision): void;
  /** A waiting attendee's new place in the queue (1 = next). */
  position(p: { position: number }): void;
  'playback-token'(t: PlaybackGrant): void;
  viewers(v: { eventId: string; viewers: number; waiting: number }): void;
  /** The seat is gone (lapsed, or the same device connected elsewhere). */
  lost(l: { reason: string; message: string }): void;
  ended(e: { reason: string; message: string }): void;
}

export interface ClientToServerEvents {
  /** Give the seat up now (no reconnect grace). */
  leave(ack?: (r: { ok: boolean }) => void): void;
}
