import type { Decision, RefusalCode } from '#contracts';

// The join page's state from what the join info and the admission socket say. Pure (no socket, no clock): the
// page dispatches every message here and renders the state it gets back; join-state.test.ts reads like the rules.

/** Why a join link itself cannot be used (the join info answered 400/401/404, or the node refused the token). */
export type LinkProblem = 'tampered' | 'expired' | 'unknown' | 'invalid';

/** Why admission turned the attendee away while the event itself is open. */
export type SeatRefusal = 'device-limit' | 'unavailable';

export type JoinState =
  | { kind: 'loading' }
  | { kind: 'bad-link'; problem: LinkProblem }
  | { kind: 'not-started' }
  | { kind: 'cancelled' }
  | { kind: 'connecting' }
  | { kind: 'waiting'; position: number }
  | { kind: 'admitted'; phase: 'live' | 'on-demand'; tier: string; promoted: boolean; reattached: boolean }
  /** The connection dropped while seated or waiting: the seat is kept for the grace while the socket reconnects. */
  | { kind: 'reconnecting'; held: 'seat' | 'place' }
  | { kind: 'refused'; reason: SeatRefusal }
  | { kind: 'lost'; reason: 'lapsed' | 'replaced' }
  /** `cap`: the 8-hour limit; `ended`: the organizer ended it (or it ended before the seat was given). */
  | { kind: 'ended'; reason: 'cap' | 'ended' }
  | { kind: 'left' };

export interface JoinInfoSummary {
  state: string;
  mode: string;
}

export type JoinMessage =
  | { type: 'info'; info: JoinInfoSummary }
  | { type: 'info-failed'; status: number; message?: string }
  | { type: 'connect' }
  | { type: 'connect-error'; reason?: string }
  | { type: 'decision'; decision: Decision }
  | { type: 'position'; position: number }
  | { type: 'disconnect'; byServer: boolean }
  | { type: 'lost'; reason: string }
  | { type: 'ended'; reason: string }
  | { type: 'left' }
  /** The attendee asks again (after leaving, a refusal, or to watch the recording once the live part ended). */
  | { type: 'rejoin' };

export const INITIAL_JOIN_STATE: JoinState = { kind: 'loading' };

/** What the page shows while it does not hold a socket yet: the join info decides whether to connect at all. */
export function stateFromInfo(info: JoinInfoSummary): JoinState {
  if (info.state === 'cancelled') return { kind: 'cancelled' };
  if (info.state === 'scheduled') return { kind: 'not-started' };
  return { kind: 'connecting' };
}

/** Whether the page should hold an admission socket in this state. */
export function wantsSocket(s: JoinState): boolean {
  return s.kind === 'connecting' || s.kind === 'waiting' || s.kind === 'admitted' || s.kind === 'reconnecting';
}

function linkProblemOfStatus(status: number, message = ''): LinkProblem {
  if (/not a join token/.test(message)) return 'invalid'; // an access or playback token pasted as a link
  if (status === 401 || /expired/.test(message)) return 'expired';
  if (status === 404) return 'unknown';
  if (/tampered/.test(message)) return 'tampered';
  return 'invalid';
}

const TOKEN_PROBLEMS: Partial<Record<RefusalCode, LinkProblem>> = {
  'token-missing': 'invalid',
  'token-tampered': 'tampered',
  'token-expired': 'expired',
  'token-invalid': 'invalid',
  'other-event': 'invalid',
  'event-unknown': 'unknown',
};

/** A refusal code (handshake or decision) as the page's state. */
export function stateOfRefusal(reason: string | undefined): JoinState | null {
  switch (reason) {
    case undefined:
      return null;
    case 'event-not-started':
      return { kind: 'not-started' };
    case 'event-cancelled':
      return { kind: 'cancelled' };
    case 'event-ended':
      return { kind: 'ended', reason: 'ended' };
    case 'device-limit':
      return { kind: 'refused', reason: 'device-limit' };
    default: {
      const problem = TOKEN_PROBLEMS[reason as RefusalCode];
      // `bad-request`, `unavailable` and codes this page does not know yet: admission could not seat us now
      return problem ? { kind: 'bad-link', problem } : { kind: 'refused', reason: 'unavailable' };
    }
  }
}

function heldBy(s: JoinState): 'seat' | 'place' | null {
  if (s.kind === 'admitted') return 'seat';
  if (s.kind === 'waiting') return 'place';
  if (s.kind === 'reconnecting') return s.held;
  return null;
}

export function joinReducer(s: JoinState, m: JoinMessage): JoinState {
  switch (m.type) {
    case 'info':
      // a fresh join info only moves the page on from states that wait for the event (not started, ended)
      if (s.kind === 'loading' || s.kind === 'not-started') return stateFromInfo(m.info);
      // while no node answers, the API is how the page learns that the event ended or was cancelled
      if (s.kind === 'reconnecting' && m.info.state === 'cancelled') return { kind: 'cancelled' };
      if (s.kind === 'reconnecting' && m.info.state === 'ended') return { kind: 'ended', reason: 'ended' };
      return s;
    case 'info-failed':
      return { kind: 'bad-link', problem: linkProblemOfStatus(m.status, m.message) };
    case 'connect':
      return s.kind === 'left' ? s : s.kind === 'reconnecting' ? s : { kind: 'connecting' };
    case 'connect-error': {
      const refused = stateOfRefusal(m.reason);
      if (refused) return refused;
      // no answer from the node (network): keep what we hold while socket.io retries
      const held = heldBy(s);
      return held ? { kind: 'reconnecting', held } : { kind: 'connecting' };
    }
    case 'decision': {
      const d = m.decision;
      if (d.status === 'admitted') {
        return {
          kind: 'admitted',
          phase: d.phase,
          tier: d.tier,
          promoted: d.promoted === true || (s.kind === 'waiting' && d.reattached !== true),
          reattached: d.reattached === true,
        };
      }
      if (d.status === 'waiting') return { kind: 'waiting', position: d.position };
      if (d.status === 'ended') return { kind: 'ended', reason: 'ended' };
      return stateOfRefusal(d.reason) ?? { kind: 'refused', reason: 'unavailable' };
    }
    case 'position':
      return s.kind === 'waiting' ? { kind: 'waiting', position: m.position } : s;
    case 'disconnect': {
      // the server closes the socket right after a refusal, `lost` or `ended`: that state stays
      if (m.byServer) return s;
      const held = heldBy(s);
      return held ? { kind: 'reconnecting', held } : s;
    }
    case 'lost':
      return { kind: 'lost', reason: m.reason === 'replaced' ? 'replaced' : 'lapsed' };
    case 'ended':
      return { kind: 'ended', reason: m.reason === 'cap' ? 'cap' : 'ended' };
    case 'left':
      return { kind: 'left' };
    case 'rejoin':
      return { kind: 'connecting' };
  }
}

export interface WaitSample {
  /** ms since any fixed origin (the page uses Date.now()). */
  at: number;
  position: number;
}

/**
 * An estimated wait (ms) from how fast the waiting room has moved while this attendee watched it: the time per
 * place gained so far, times the places still ahead. Null until it has moved at least once.
 */
export function estimatedWaitMs(samples: readonly WaitSample[]): number | null {
  if (samples.length < 2) return null;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const gained = first.position - last.position;
  if (gained <= 0 || last.at <= first.at) return null;
  return Math.round(((last.at - first.at) / gained) * last.position);
}

/** The places seen, newest last, with the queue restarting when the position goes up (a fresh ticket). */
export function recordPosition(samples: readonly WaitSample[], sample: WaitSample): WaitSample[] {
  const last = samples[samples.length - 1];
  if (last && sample.position === last.position) return [...samples];
  if (last && sample.position > last.position) return [sample];
  return [...samples, sample].slice(-50);
}

/** Whole seconds until `iso` from `nowMs`, never negative. */
export function secondsUntil(iso: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - nowMs) / 1000));
}

/** The playlist to play in a phase: the live master while live, the recording on demand. */
export function playlistFor(
  phase: 'live' | 'on-demand',
  playback: { masterUrl: string | null; liveMasterUrl: string | null; replayMasterUrl: string | null },
): string | null {
  if (phase === 'live') return playback.liveMasterUrl ?? playback.masterUrl;
  return playback.replayMasterUrl ?? playback.masterUrl;
}
