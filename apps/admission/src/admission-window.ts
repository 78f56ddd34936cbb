import { liveCutoff } from '#domain';
import type { EventSnapshot } from '#event-contract';
import type { LedgerEvent } from '#seat-ledger';
import { Refusal, refusal } from './refusal';

/**
 * Whether an event admits attendees now, and the terms the ledger applies. A live event admits while it is live, up to
 * actual start + its cap (checked by the ledger against Redis time); an on-demand event admits once it is published.
 */
export function admissionWindow(s: EventSnapshot): { open: true; ledgerEvent: LedgerEvent } | { open: false; refusal: Refusal } {
  if (s.state === 'cancelled') return { open: false, refusal: refusal('event-cancelled', 'this event was cancelled') };
  if (s.mode === 'on-demand') {
    if (s.state === 'scheduled') return { open: false, refusal: refusal('event-not-started', 'this event is not available yet') };
    return { open: true, ledgerEvent: { eventId: s.id, terms: s.terms, liveCutoffMs: null } };
  }
  if (s.state === 'scheduled') return { open: false, refusal: refusal('event-not-started', `this event has not started yet; it is scheduled for ${s.startsAt}`) };
  if (s.state === 'ended') return { open: false, refusal: refusal('event-ended', 'this event has ended') };
  const cutoff = s.actualStartAt ? liveCutoff(new Date(s.actualStartAt), s.maxDurationMs).getTime() : null;
  return { open: true, ledgerEvent: { eventId: s.id, terms: s.terms, liveCutoffMs: cutoff } };
}
