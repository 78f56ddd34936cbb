import { liveCutoff } from '#domain';
import type { EventSnapshot } from '#contracts';
import type { LedgerEvent } from '#seat-ledger';
import { Refusal, refusal } from './refusal';

/**
 * Whether an event admits attendees now, and the terms the ledger applies. A live event admits to the live phase while
 * it is live, up to actual start + its cap (checked by the ledger against Redis time), and to its recording on demand
 * once it has ended (the key server serves the recording's keys for the event's playback tokens); an on-demand event
 * admits once it is published, and a simulive one as a live event. Each phase has its own seats under the same terms.
 */
export function admissionWindow(
  s: EventSnapshot,
): { open: true; ledgerEvent: LedgerEvent } | { open: false; refusal: Refusal } {
  if (s.state === 'cancelled') return { open: false, refusal: refusal('event-cancelled', 'this event was cancelled') };
  // A simulive event (on demand, played as live) is admitted exactly as a live one: seats, buffer, overage, the cap.
  if (s.mode === 'on-demand' && !s.playAsLive) {
    if (s.state === 'scheduled') {
      return { open: false, refusal: refusal('event-not-started', 'this event is not available yet') };
    }
    return { open: true, ledgerEvent: { eventId: s.id, terms: s.terms, liveCutoffMs: null, phase: 'on-demand' } };
  }
  if (s.state === 'scheduled') {
    return {
      open: false,
      refusal: refusal('event-not-started', `this event has not started yet; it is scheduled for ${s.startsAt}`),
    };
  }
  if (s.state === 'ended') {
    return { open: true, ledgerEvent: { eventId: s.id, terms: s.terms, liveCutoffMs: null, phase: 'on-demand' } };
  }
  const cutoff = s.actualStartAt ? liveCutoff(new Date(s.actualStartAt), s.maxDurationMs).getTime() : null;
  return { open: true, ledgerEvent: { eventId: s.id, terms: s.terms, liveCutoffMs: cutoff, phase: 'live' } };
}
