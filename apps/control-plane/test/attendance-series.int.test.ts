import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { LogLine, appendAttendance, seedAttendanceLog, setEventRun } from '#test-support/attendance-log';
import { HOUR_MS, eventBody } from './support/schedule';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const s = (seconds: number) => T0 + seconds * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

// a and b arrive, a adds a phone, c and d arrive, d leaves, b leaves, a's phone then a leave, e arrives, c leaves.
// One on-demand viewer watches the recording meanwhile: its own seats, never part of the live series.
const LOG: LogLine[] = (
  [
    { registrantId: 'a', kind: 'join', edge: 'open', at: s(10), seats: 1 },
    { registrantId: 'b', kind: 'join', edge: 'open', at: s(20), seats: 2 },
    { registrantId: 'a', kind: 'join', edge: '', at: s(30), seats: 2, deviceId: 'phone' },
    { registrantId: 'c', kind: 'join', edge: 'open', at: s(65), seats: 3 },
    { registrantId: 'd', kind: 'join', edge: 'open', at: s(66), seats: 4, tier: 'buffer' },
    { registrantId: 'd', kind: 'leave', edge: 'close', at: s(90), seats: 3, tier: 'buffer' },
    { registrantId: 'b', kind: 'leave', edge: 'close', at: s(180), seats: 2 },
    { registrantId: 'a', kind: 'leave', edge: '', at: s(240), seats: 2, deviceId: 'phone' },
    { registrantId: 'a', kind: 'leave', edge: 'close', at: s(250), seats: 1 },
    { registrantId: 'e', kind: 'join', edge: 'open', at: s(360), seats: 2 },
    { registrantId: 'v', kind: 'join', edge: 'open', at: s(420), seats: 9, phase: 'on-demand' },
    { registrantId: 'c', kind: 'leave', edge: 'close', at: s(599), seats: 1 },
  ] satisfies LogLine[]
).map((l) => ({ ...l, registrantId: uuidOf(l.registrantId) }));

function uuidOf(letter: string): string {
  return `00000000-0000-4000-8000-${letter.charCodeAt(0).toString(16).padStart(12, '0')}`;
}

describe('attendance series (GET /api/events/:id/attendance/series)', () => {
  let h: ControlPlaneHarness;
  let c: SeededCustomer;
  let eventId: string;
  before(async () => {
    h = await startControlPlane();
    c = await h.seed({ attendeeLimit: 20, overageCap: 5 });
    eventId = (await h.api(c.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body.id;
    await appendAttendance(h.db, eventId, LOG);
    await setEventRun(h.db, eventId, { actualStartAt: new Date(T0), endedAt: new Date(s(600)) });
  });
  after(async () => {
    await h.close();
  });

  it('buckets the whole run: seats held at each bucket start carry on, the peak and its moment are exact', async () => {
    const r = await h.api(c.organizer.token).get(`/api/events/${eventId}/attendance/series?points=10`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const { points, ...head } = r.body;
    assert.deepEqual(head, {
      eventId,
      from: iso(T0),
      to: iso(s(600)),
      bucketSeconds: 60,
      limit: 20,
      bufferSeats: 2,
      overageCap: 5,
      peak: { at: iso(s(66)), concurrent: 4 },
    });
    assert.deepEqual(
      points.map((p: { t: string; concurrent: number; joins: number; leaves: number }) => [
        p.t,
        p.concurrent,
        p.joins,
        p.leaves,
      ]),
      [
        [iso(s(0)), 2, 2, 0],
        [iso(s(60)), 4, 2, 1],
        [iso(s(120)), 3, 0, 0], // nobody came or went: the 3 seated stay
        [iso(s(180)), 3, 0, 1], // b leaves at 3:00 sharp, after being seated at the bucket's start
        [iso(s(240)), 2, 0, 1], // a's phone leaving is no seat freed; a's last device is
        [iso(s(300)), 1, 0, 0],
        [iso(s(360)), 2, 1, 0],
        [iso(s(420)), 2, 0, 0], // the on-demand viewer is not in the live series
        [iso(s(480)), 2, 0, 0],
        [iso(s(540)), 2, 0, 1],
      ],
    );
  });

  it('defaults to 600 points: one-second buckets for a ten-minute event', async () => {
    const r = await h.api(c.admin.token).get(`/api/events/${eventId}/attendance/series`);
    assert.equal(r.status, 200);
    assert.equal(r.body.bucketSeconds, 1);
    assert.equal(r.body.points.length, 600);
    assert.deepEqual(r.body.points[66], { t: iso(s(66)), concurrent: 4, joins: 1, leaves: 0 });
    assert.deepEqual(r.body.points[67], { t: iso(s(67)), concurrent: 4, joins: 0, leaves: 0 });
  });

  it('runs to now while the event is live', async () => {
    const live = (await h.api(c.organizer.token).post('/api/events', eventBody(3 * HOUR_MS, HOUR_MS))).body.id;
    const started = Date.now() - 291_000;
    await setEventRun(h.db, live, { actualStartAt: new Date(started) });
    await appendAttendance(h.db, live, [
      { registrantId: uuidOf('z'), kind: 'join', edge: 'open', at: started + 5000, seats: 1 },
    ]);
    const r = await h.api(c.organizer.token).get(`/api/events/${live}/attendance/series?points=10`);
    assert.equal(r.status, 200);
    assert.equal(r.body.from, iso(started));
    assert.ok(Date.parse(r.body.to) >= started + 291_000 && Date.parse(r.body.to) <= Date.now());
    assert.equal(r.body.bucketSeconds, 30);
    assert.equal(r.body.points.length, 10);
    assert.deepEqual(
      r.body.points.map((p: { concurrent: number }) => p.concurrent),
      [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    );
    assert.deepEqual(r.body.peak, { at: iso(started + 5000), concurrent: 1 });
  });

  it('gives an event that has not run its schedule with nobody in it', async () => {
    const later = (await h.api(c.organizer.token).post('/api/events', eventBody(5 * HOUR_MS, 2 * HOUR_MS))).body;
    const r = await h.api(c.organizer.token).get(`/api/events/${later.id}/attendance/series?points=12`);
    assert.equal(r.status, 200);
    assert.deepEqual([r.body.from, r.body.to, r.body.bucketSeconds], [later.startsAt, later.endsAt, 600]);
    assert.equal(r.body.points.length, 12);
    assert.ok(r.body.points.every((p: { concurrent: number }) => p.concurrent === 0));
    assert.deepEqual(r.body.peak, { at: null, concurrent: 0 });
  });

  it('shows the account administrator too, nobody else: 404 across accounts and organizers, 403 for the operator', async () => {
    const other = await h.seed();
    const operator = await h.seedOperator();
    const second = await h
      .api(c.admin.token)
      .post('/api/organizers', { email: 'barbara.liskov@acme.example', name: 'Barbara', password: 'long-enough-pass' });
    const colleague = (
      await h.api().post('/api/auth/login', { email: 'barbara.liskov@acme.example', password: 'long-enough-pass' })
    ).body.accessToken;
    assert.equal(second.status, 201);
    const path = `/api/events/${eventId}/attendance/series`;
    assert.equal((await h.api(other.admin.token).get(path)).status, 404);
    assert.equal((await h.api(other.organizer.token).get(path)).status, 404);
    assert.equal((await h.api(colleague).get(path)).status, 404);
    assert.equal((await h.api(operator.token).get(path)).status, 403);
    assert.equal((await h.api().get(path)).status, 401);
  });

  it('refuses a resolution outside 10..3600 points, naming the parameter', async () => {
    for (const bad of ['9', '3601', 'abc', '60.5', '', '1e3']) {
      const r = await h.api(c.organizer.token).get(`/api/events/${eventId}/attendance/series?points=${bad}`);
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.field, 'points', bad);
    }
  });
});

describe('attendance series of an 8-hour event with 5,000 attendees', () => {
  let h: ControlPlaneHarness;
  before(async () => {
    h = await startControlPlane();
  });
  after(async () => {
    await h.close();
  });

  it('finds the exact peak of the log in 600 buckets of 48 s, the same the attendance report bills', async () => {
    const c = await h.seed({ attendeeLimit: 5000 });
    const event = (await h.api(c.organizer.token).post('/api/events', eventBody(HOUR_MS, 8 * HOUR_MS))).body;
    const seeded = await seedAttendanceLog(h.db, event.id, { attendees: 5000, hours: 8 });
    assert.ok(seeded.lines > 10_000, `${seeded.lines} log lines`);
    const r = await h.api(c.organizer.token).get(`/api/events/${event.id}/attendance/series`);
    assert.equal(r.status, 200);
    assert.equal(r.body.bucketSeconds, 48);
    assert.equal(r.body.points.length, 600);
    assert.deepEqual(r.body.peak, { at: seeded.peak.at.toISOString(), concurrent: seeded.peak.concurrent });
    assert.equal(Math.max(...r.body.points.map((p: { concurrent: number }) => p.concurrent)), seeded.peak.concurrent);
    const sum = (k: 'joins' | 'leaves') => r.body.points.reduce((n: number, p: Record<string, number>) => n + p[k], 0);
    assert.equal(sum('joins'), seeded.sessions);
    assert.equal(sum('leaves'), seeded.sessions, 'every seat is freed by the end');
    const report = await h.api(c.organizer.token).get(`/api/events/${event.id}/attendance`);
    assert.equal(report.body.peakConcurrent, seeded.peak.concurrent);
    assert.equal(report.body.registrants, 5000);
  });
});
