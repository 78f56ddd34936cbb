import { bufferSeats, overageFeeCents, peakOverage } from '#domain';
import type { SeatTier } from '#domain';
import type { AdmissionPhase, AttendanceEntry } from '#seat-ledger';

export interface ReportTerms {
  attendeeLimit: number;
  bufferPercent: number;
  overageRateCents: number;
}

export interface AttendeeLine {
  registrantId: string;
  name: string;
  email: string;
  /** Each time the registrant held a seat: from the first device in to the last one out (null = still watching). */
  sessions: { phase: AdmissionPhase; joinAt: string; leaveAt: string | null; tier: SeatTier }[];
  devices: number;
  /** Minutes watched live. */
  watchMinutes: number;
  /** Minutes watched on demand (the recording, or an on-demand event). */
  onDemandMinutes: number;
}

export interface AttendanceReport {
  eventId: string;
  registrants: number;
  /** Registrants who held a live seat at least once. */
  uniqueAttendees: number;
  /** Registrants who watched on demand at least once. */
  onDemandViewers: number;
  peakConcurrent: number;
  attendeeLimit: number;
  bufferSeats: number;
  bufferUsed: number;
  peakOverage: number;
  overageRateCents: number;
  overageFeeCents: number;
  attendees: AttendeeLine[];
}

/**
 * The report of one event from its attendance log alone, so every figure can be recomputed. The peak is the largest
 * seat count any live entry recorded; the fee is #domain's overageFeeCents of it. On-demand viewing has seats of its
 * own and is reported apart, never billed. Open sessions run until `until`.
 */
export function buildAttendanceReport(
  eventId: string,
  terms: ReportTerms,
  registrants: { id: string; name: string; email: string }[],
  log: AttendanceEntry[],
  until: number,
): AttendanceReport {
  const byRegistrant = new Map<string, AttendanceEntry[]>();
  let peak = 0;
  for (const e of log) {
    if (e.phase === 'live') peak = Math.max(peak, e.seats);
    const list = byRegistrant.get(e.registrantId) ?? [];
    list.push(e);
    byRegistrant.set(e.registrantId, list);
  }
  const who = new Map(registrants.map((r) => [r.id, r]));
  const attendees: AttendeeLine[] = [];
  for (const [registrantId, entries] of byRegistrant) {
    const sessions: AttendeeLine['sessions'] = [];
    const open = new Map<AdmissionPhase, { at: number; tier: SeatTier }>();
    for (const e of entries) {
      if (e.kind === 'join' && e.edge === 'open') open.set(e.phase, { at: e.at, tier: e.tier });
      const o = open.get(e.phase);
      if (e.kind === 'leave' && e.edge === 'close' && o) {
        sessions.push({ phase: e.phase, joinAt: iso(o.at), leaveAt: iso(e.at), tier: o.tier });
        open.delete(e.phase);
      }
    }
    for (const [phase, o] of open) sessions.push({ phase, joinAt: iso(o.at), leaveAt: null, tier: o.tier });
    const minutes = (phase: AdmissionPhase) =>
      Math.round(
        (Math.max(
          0,
          sessions
            .filter((s) => s.phase === phase)
            .reduce((sum, s) => sum + ((s.leaveAt ? Date.parse(s.leaveAt) : until) - Date.parse(s.joinAt)), 0),
        ) /
          60_000) *
          100,
      ) / 100;
    const r = who.get(registrantId);
    attendees.push({
      registrantId,
      name: r?.name ?? '',
      email: r?.email ?? '',
      sessions,
      devices: new Set(entries.map((e) => e.deviceId)).size,
      watchMinutes: minutes('live'),
      onDemandMinutes: minutes('on-demand'),
    });
  }
  attendees.sort(
    (a, b) =>
      (a.sessions[0]?.joinAt ?? '').localeCompare(b.sessions[0]?.joinAt ?? '') ||
      a.registrantId.localeCompare(b.registrantId),
  );
  const buffer = bufferSeats(terms.attendeeLimit, terms.bufferPercent);
  return {
    eventId,
    registrants: registrants.length,
    uniqueAttendees: attendees.filter((a) => a.sessions.some((s) => s.phase === 'live')).length,
    onDemandViewers: attendees.filter((a) => a.sessions.some((s) => s.phase === 'on-demand')).length,
    peakConcurrent: peak,
    attendeeLimit: terms.attendeeLimit,
    bufferSeats: buffer,
    bufferUsed: Math.min(buffer, Math.max(0, peak - terms.attendeeLimit)),
    peakOverage: peakOverage(peak, terms.attendeeLimit, terms.bufferPercent),
    overageRateCents: terms.overageRateCents,
    overageFeeCents: overageFeeCents(peak, terms.attendeeLimit, terms.bufferPercent, terms.overageRateCents),
    attendees,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
