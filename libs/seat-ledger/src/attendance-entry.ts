import type { SeatTier } from '#domain';
import type { AdmissionPhase } from './ledger-keys';

/** One line of the attendance log, as the ledger's Lua writes it to the stream (every field a string there). */
export interface AttendanceEntry {
  eventId: string;
  kind: 'join' | 'leave';
  registrantId: string;
  deviceId: string;
  node: string;
  tier: SeatTier;
  /** Redis time of the change, ms since the epoch. */
  at: number;
  /** Concurrent seats right after the change: the peak is exact from these alone. */
  seats: number;
  /** 'open' on the entry that gave the registrant its seat, 'close' on the one that freed it. */
  edge: 'open' | 'close' | '';
  reason: string;
  phase: AdmissionPhase;
}

export function parseAttendanceFields(fields: string[]): AttendanceEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1]!;
  return {
    eventId: f.evt ?? '',
    kind: f.kind === 'leave' ? 'leave' : 'join',
    registrantId: f.reg ?? '',
    deviceId: f.dev ?? '',
    node: f.node ?? '',
    tier: (f.tier ?? 'included') as SeatTier,
    at: Number(f.at),
    seats: Number(f.seats),
    edge: f.edge === 'open' || f.edge === 'close' ? f.edge : '',
    reason: f.reason ?? '',
    phase: f.phase === 'on-demand' ? 'on-demand' : 'live',
  };
}
