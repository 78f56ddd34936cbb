import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { billingMonth } from '../src/usage/billing-month';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { LogLine, appendAttendance, setEventRun } from '#test-support/attendance-log';
import { HOUR_MS, eventBody } from './support/schedule';

/** `n` registrants take a seat one after another from `at`, then the last `leave` of them go. */
function crowd(n: number, at: number, leave = 0): LogLine[] {
  const id = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
  const lines: LogLine[] = Array.from({ length: n }, (_, i) => ({
    registrantId: id(i),
    kind: 'join',
    edge: 'open',
    at: at + i * 1000,
    seats: i + 1,
  }));
  for (let i = 0; i < leave; i++) {
    lines.push({
      registrantId: id(n - 1 - i),
      kind: 'leave',
      edge: 'close',
      at: at + (n + i) * 1000,
      seats: n - 1 - i,
    });
  }
  return lines;
}

describe('account usage this month (GET /api/account/usage)', () => {
  let h: ControlPlaneHarness;
  let c: SeededCustomer;
  const month = billingMonth();
  const held = month.from.getTime() + 3 * HOUR_MS;
  const ids: Record<string, string> = {};
  before(async () => {
    h = await startControlPlane();
    // limit 40 with a 10 % buffer of 4 seats; 3.50 per billable attendee
    c = await h.seed({ seats: 3, attendeeLimit: 40, overageRateCents: 350, overageCap: 100 });
    const ada = h.api(c.organizer.token);
    const run = async (name: string, offset: number, extra: Record<string, unknown> = {}) => {
      const e = (await ada.post('/api/events', eventBody(offset, HOUR_MS, { title: name, ...extra }))).body;
      ids[name] = e.id;
      return e.id as string;
    };
    // over the buffer: peak 52 → (52 − (40 + 4)) × 350 = 2800, even though 10 have left by the end
    const big = await run('All-hands', HOUR_MS);
    await setEventRun(h.db, big, { actualStartAt: new Date(held), endedAt: new Date(held + HOUR_MS) });
    await appendAttendance(h.db, big, crowd(52, held, 10));
    // a lower limit of its own: 20 + 2 buffer, peak 21 → no fee
    const small = await run('Team sync', 3 * HOUR_MS, { attendeeLimit: 20 });
    await setEventRun(h.db, small, {
      actualStartAt: new Date(held + 2 * HOUR_MS),
      endedAt: new Date(held + 3 * HOUR_MS),
    });
    await appendAttendance(h.db, small, crowd(21, held + 2 * HOUR_MS));
    // cancelled: not part of the usage
    const gone = await run('Cancelled', 5 * HOUR_MS);
    await ada.post(`/api/events/${gone}/cancel`);
    // another month: scheduled for the first day of the next one
    const next = billingMonth(undefined, new Date(month.until.getTime() + 1));
    const nextEvent = await ada.post('/api/events', {
      title: 'Next month',
      startsAt: new Date(next.from.getTime() + 10 * HOUR_MS).toISOString(),
      endsAt: new Date(next.from.getTime() + 11 * HOUR_MS).toISOString(),
      mode: 'live',
    });
    assert.equal(nextEvent.status, 201, JSON.stringify(nextEvent.body));
    ids['Next month'] = nextEvent.body.id;
    // another account's event in the same month
    const other = await h.seed();
    const foreign = (await h.api(other.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body.id;
    await setEventRun(h.db, foreign, { actualStartAt: new Date(held), endedAt: new Date(held + HOUR_MS) });
    await appendAttendance(h.db, foreign, crowd(500, held));
  });
  after(async () => {
    await h.close();
  });

  it("lists the month's events with each peak and fee = (peak − (limit + buffer)) × rate, and the total", async () => {
    const r = await h.api(c.admin.token).get('/api/account/usage');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, {
      month: month.month,
      events: [
        {
          id: ids['All-hands'],
          title: 'All-hands',
          organizerName: 'Ada Lovelace',
          startsAt: r.body.events[0].startsAt,
          state: 'ended',
          peakConcurrent: 52,
          peakOverage: 8,
          overageFeeCents: 2800,
        },
        {
          id: ids['Team sync'],
          title: 'Team sync',
          organizerName: 'Ada Lovelace',
          startsAt: r.body.events[1].startsAt,
          state: 'ended',
          peakConcurrent: 21,
          peakOverage: 0,
          overageFeeCents: 0,
        },
      ],
      totalOverageFeeCents: 2800,
      currency: 'EUR',
    });
  });

  it('answers the month asked for, with nothing in a month without events', async () => {
    const next = billingMonth(undefined, new Date(month.until.getTime() + 1));
    const r = await h.api(c.admin.token).get(`/api/account/usage?month=${next.month}`);
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.events.map((e: { id: string; state: string; overageFeeCents: number }) => [
        e.id,
        e.state,
        e.overageFeeCents,
      ]),
      [[ids['Next month'], 'scheduled', 0]],
    );
    const empty = await h.api(c.admin.token).get('/api/account/usage?month=2001-02');
    assert.deepEqual(empty.body, { month: '2001-02', events: [], totalOverageFeeCents: 0, currency: 'EUR' });
  });

  it('is for the administrator: 403 for organizers and the operator', async () => {
    assert.equal((await h.api(c.organizer.token).get('/api/account/usage')).status, 403);
    assert.equal((await h.api((await h.seedOperator()).token).get('/api/account/usage')).status, 403);
  });

  it('refuses a month not written YYYY-MM, naming the parameter', async () => {
    for (const bad of ['2026-13', '2026-3', '03-2026', '2026-03-01', 'march', '']) {
      const r = await h.api(c.admin.token).get(`/api/account/usage?month=${bad}`);
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.field, 'month');
    }
  });
});
