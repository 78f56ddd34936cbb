import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AttendanceEntry } from '#seat-ledger';
import { buildAttendanceReport } from '../src/attendance/attendance-report';
import { attendeesCsv, invoiceCsv } from '../src/attendance/attendance-csv';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const entry = (
  registrantId: string,
  kind: 'join' | 'leave',
  edge: AttendanceEntry['edge'],
  min: number,
  seats: number,
  tier: AttendanceEntry['tier'] = 'included',
  deviceId = 'd',
  phase: AttendanceEntry['phase'] = 'live',
): AttendanceEntry => ({
  eventId: 'e',
  kind,
  registrantId,
  deviceId,
  node: 'n',
  tier,
  at: T0 + min * 60_000,
  seats,
  edge,
  reason: '',
  phase,
});

describe('attendance report (pure)', () => {
  const terms = { attendeeLimit: 2, bufferPercent: 50, overageRateCents: 700 };
  const log = [
    entry('a', 'join', 'open', 0, 1),
    entry('b', 'join', 'open', 1, 2),
    entry('a', 'join', '', 2, 2, 'included', 'phone'),
    entry('c', 'join', 'open', 3, 3, 'buffer'),
    entry('d', 'join', 'open', 4, 4, 'overage'),
    entry('d', 'leave', 'close', 10, 3, 'overage'),
    entry('a', 'leave', '', 20, 3, 'included', 'phone'),
    entry('a', 'leave', 'close', 30, 2),
    entry('a', 'join', 'open', 40, 3, 'buffer'),
    // on demand after the live event: own seats, never billed, even when more watch at once
    entry('e', 'join', 'open', 70, 9, 'included', 'tv', 'on-demand'),
    entry('e', 'leave', 'close', 85, 8, 'included', 'tv', 'on-demand'),
  ];
  const registrants = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: `=cmd ${id}`, email: `${id}@example.org` }));
  const r = buildAttendanceReport('e', terms, registrants, log, T0 + 60 * 60_000);

  it('takes the peak from the seat counts the ledger logged and bills only beyond limit + buffer', () => {
    assert.deepEqual(
      [
        r.registrants,
        r.uniqueAttendees,
        r.onDemandViewers,
        r.peakConcurrent,
        r.bufferSeats,
        r.bufferUsed,
        r.peakOverage,
        r.overageFeeCents,
      ],
      [5, 4, 1, 4, 1, 1, 1, 700],
    );
  });
  it('counts watch time from the first device in to the last one out, per seat session', () => {
    const a = r.attendees.find((x) => x.registrantId === 'a')!;
    assert.equal(a.sessions.length, 2);
    assert.equal(a.devices, 2);
    assert.equal(a.watchMinutes, 30 + 20);
    assert.equal(r.attendees.find((x) => x.registrantId === 'd')!.watchMinutes, 6);
    const e = r.attendees.find((x) => x.registrantId === 'e')!;
    assert.deepEqual([e.watchMinutes, e.onDemandMinutes, e.sessions[0].phase], [0, 15, 'on-demand']);
  });
  it('exports CSV with formulas defused', () => {
    const rows = attendeesCsv(r).trim().split('\r\n');
    assert.equal(rows.length, 1 + 6);
    assert.ok(rows[1].includes("'=cmd"));
    assert.equal(invoiceCsv(r).trim().split('\r\n')[1], 'e,2,1,4,1,700,700');
  });
});
