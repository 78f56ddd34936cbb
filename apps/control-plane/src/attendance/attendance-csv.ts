import { csvTable as csv } from '../http/csv-table';
import type { AttendanceReport } from './attendance-report';

/** One line per seat session of each attendee. */
export function attendeesCsv(r: AttendanceReport): string {
  const rows: (string | number | null)[][] = [
    [
      'registrant_id',
      'name',
      'email',
      'phase',
      'join_at',
      'leave_at',
      'tier',
      'devices',
      'live_minutes_total',
      'on_demand_minutes_total',
    ],
  ];
  for (const a of r.attendees) {
    for (const s of a.sessions) {
      rows.push([
        a.registrantId,
        a.name,
        a.email,
        s.phase,
        s.joinAt,
        s.leaveAt,
        s.tier,
        a.devices,
        a.watchMinutes,
        a.onDemandMinutes,
      ]);
    }
  }
  return csv(rows);
}

/** The overage line of the invoice: fee = max(0, peak - (L + buffer)) x rate. */
export function invoiceCsv(r: AttendanceReport): string {
  return csv([
    [
      'event_id',
      'attendee_limit',
      'buffer_seats',
      'peak_concurrent',
      'peak_overage',
      'overage_rate_cents',
      'overage_fee_cents',
    ],
    [r.eventId, r.attendeeLimit, r.bufferSeats, r.peakConcurrent, r.peakOverage, r.overageRateCents, r.overageFeeCents],
  ]);
}
