import { DomainError } from './domain-error';
import type { EventMode, EventState } from './event-state';

// When an event may go live. A live-mode event goes live when its presenter publishes (RTMP), an on-demand one when
// its organizer opens it; either way inside its scheduled window, so one event at a time and the 8 h cap hold for both.

export interface GoLiveCandidate {
  mode: EventMode;
  state: EventState;
  startsAt: Date;
  endsAt: Date;
}

/**
 * A presenter's stream is accepted for a live-mode event from `earlyStartMs` before its start until its scheduled
 * end. An event already live takes its presenter back (a reconnect): 'resume'; a scheduled one starts: 'start'.
 */
export function presenterMayPublish(event: GoLiveCandidate, now: Date, earlyStartMs: number): 'start' | 'resume' {
  if (event.mode !== 'live') {
    throw new DomainError('conflict', 'this event is on-demand: it takes no live stream', 'streamKey');
  }
  if (event.state === 'live') return 'resume';
  if (event.state !== 'scheduled') {
    throw new DomainError('conflict', `the event is ${event.state}: it cannot go live again`, 'state');
  }
  if (now.getTime() < event.startsAt.getTime() - earlyStartMs) {
    throw new DomainError(
      'conflict',
      `the event starts at ${event.startsAt.toISOString()}; its stream opens ${Math.round(earlyStartMs / 60_000)} min before`,
      'startsAt',
    );
  }
  if (now.getTime() >= event.endsAt.getTime()) {
    throw new DomainError('conflict', `the event's window ended at ${event.endsAt.toISOString()}`, 'endsAt');
  }
  return 'start';
}

/**
 * An organizer opens an on-demand event before its scheduled end, once a ready video is attached to it. (Whether its
 * state allows going live is the event state machine's rule.)
 */
export function assertMayOpenOnDemand(event: GoLiveCandidate, now: Date, hasReadyVideo: boolean): void {
  if (event.mode !== 'on-demand') {
    throw new DomainError(
      'conflict',
      'a live event goes live when its presenter streams to the RTMP URL (GET /api/events/:id/live)',
      'mode',
    );
  }
  if (event.state !== 'scheduled') return;
  if (now >= event.endsAt) {
    throw new DomainError(
      'conflict',
      `the event's window ended at ${event.endsAt.toISOString()}; reschedule it first`,
      'endsAt',
    );
  }
  if (!hasReadyVideo) {
    throw new DomainError(
      'conflict',
      'attach a ready video first (POST /api/media/assets with this eventId, upload it, wait until it is ready)',
      'mode',
    );
  }
}
