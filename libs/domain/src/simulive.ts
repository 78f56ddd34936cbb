import { DomainError } from './domain-error';
import type { EventMode, EventState } from './event-state';

// Simulive: an on-demand event "played as live". It opens by itself at its start time, every attendee sees the
// same moment of the recording (the broadcast position is wall-clock time since it opened), nobody seeks past
// that moment, and it ends when the recording does (or at the 8 h cap, whichever comes first).

/** Only an on-demand event can be played as live: a live one has a presenter. */
export function assertPlayAsLiveAllowed(mode: EventMode, playAsLive: boolean): void {
  if (playAsLive && mode !== 'on-demand') {
    throw new DomainError('invalid', 'only an on-demand event can be played as live', 'playAsLive');
  }
}

export interface SimuliveCandidate {
  mode: EventMode;
  playAsLive: boolean;
  state: EventState;
  startsAt: Date;
  endsAt: Date;
}

/** A scheduled simulive event opens by itself once its start time has come, until its scheduled end. */
export function simuliveShouldOpen(e: SimuliveCandidate, now: Date): boolean {
  return (
    e.mode === 'on-demand' &&
    e.playAsLive &&
    e.state === 'scheduled' &&
    now.getTime() >= e.startsAt.getTime() &&
    now.getTime() < e.endsAt.getTime()
  );
}

/** When an open simulive broadcast ends, and why: the end of its recording, or the duration cap first. */
export function simuliveEnd(
  openedAt: Date,
  recordingDurationS: number,
  maxDurationMs: number,
): { at: Date; reason: 'recording-ended' | 'duration-cap' } {
  const recordingMs = Math.max(0, recordingDurationS) * 1000;
  if (recordingMs > maxDurationMs) return { at: new Date(openedAt.getTime() + maxDurationMs), reason: 'duration-cap' };
  return { at: new Date(openedAt.getTime() + recordingMs), reason: 'recording-ended' };
}

/**
 * The broadcast position in seconds at `nowMs`: where every attendee of the simulive event is, clamped to the
 * recording. Pure, so the player and the server compute the same value.
 */
export function simulivePosition(openedAtMs: number, nowMs: number, recordingDurationS: number): number {
  return Math.min(Math.max(0, (nowMs - openedAtMs) / 1000), Math.max(0, recordingDurationS));
}

/** How far past the broadcast position a viewer may be before the player puts them back (a keyframe's slack). */
export const SIMULIVE_AHEAD_TOLERANCE_S = 0.5;
