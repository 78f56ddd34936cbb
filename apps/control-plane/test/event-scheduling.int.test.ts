import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventsService } from '../src/events/events.service';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { HOUR_MS, MINUTE_MS, at, eventBody } from './support/schedule';

describe('scheduling events (the licence rules at their edges)', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  before(async () => {
    h = await startControlPlane();
    s = await h.seed({ attendeeLimit: 500 });
  });
  after(async () => {
    await h.close();
  });
  const organizer = () => h.api(s.organizer.token);

  it('accepts an event of exactly 8 h', async () => {
    const r = await organizer().post('/api/events', eventBody(0, 8 * HOUR_MS));
    assert.equal(r.status, 201, JSON.stringify(r.body));
  });

  it('refuses an event of 8 h 1 min with a message naming endsAt', async () => {
    const r = await organizer().post('/api/events', eventBody(10 * HOUR_MS, 8 * HOUR_MS + MINUTE_MS));
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'endsAt');
    assert.match(r.body.message, /at most 8 h/);
  });

  it('refuses an end before the start', async () => {
    const r = await organizer().post('/api/events', eventBody(20 * HOUR_MS, -HOUR_MS));
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'endsAt');
  });

  it('stores times given with an offset in UTC', async () => {
    const r = await organizer().post('/api/events', {
      title: 'Offset',
      startsAt: '2030-03-01T10:00:00+02:00',
      endsAt: '2030-03-01T11:30:00+02:00',
      mode: 'on-demand',
    });
    // The seeded order is valid for a year only: a 2030 date is outside it.
    assert.equal(r.status, 400);
    assert.match(r.body.message, /order is valid/);
    const start = new Date(at(30 * HOUR_MS));
    const local = new Date(start.getTime() + 2 * HOUR_MS).toISOString().replace('Z', '+02:00').replace('.000', '');
    const ok = await organizer().post('/api/events', {
      title: 'Offset',
      startsAt: local,
      endsAt: at(31 * HOUR_MS),
      mode: 'on-demand',
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.startsAt, start.toISOString());
  });

  it('refuses a local time without an offset', async () => {
    const r = await organizer().post('/api/events', {
      title: 'x',
      startsAt: '2030-03-01T10:00:00',
      endsAt: '2030-03-01T11:00:00Z',
      mode: 'live',
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'startsAt');
  });

  it('takes the attendee limit from the order, accepts a lower one, refuses one above the order', async () => {
    const dflt = await organizer().post('/api/events', eventBody(40 * HOUR_MS, HOUR_MS));
    assert.equal(dflt.body.attendeeLimit, 500);
    const lower = await organizer().post('/api/events', eventBody(42 * HOUR_MS, HOUR_MS, { attendeeLimit: 20 }));
    assert.equal(lower.status, 201);
    assert.equal(lower.body.attendeeLimit, 20);
    const above = await organizer().post('/api/events', eventBody(44 * HOUR_MS, HOUR_MS, { attendeeLimit: 501 }));
    assert.equal(above.status, 400);
    assert.equal(above.body.field, 'attendeeLimit');
    assert.match(above.body.message, /above the order's attendee limit of 500/);
  });

  it('refuses an attendee limit of 5001 (and 0) whatever the order', async () => {
    for (const attendeeLimit of [5001, 0]) {
      const r = await organizer().post('/api/events', eventBody(46 * HOUR_MS, HOUR_MS, { attendeeLimit }));
      assert.equal(r.status, 400, String(attendeeLimit));
      assert.equal(r.body.field, 'attendeeLimit');
    }
  });

  it('refuses an overlapping event with 409 naming the other event, accepts back-to-back', async () => {
    const first = await organizer().post(
      '/api/events',
      eventBody(50 * HOUR_MS, 2 * HOUR_MS, { title: 'Morning keynote' }),
    );
    assert.equal(first.status, 201);
    const overlap = await organizer().post('/api/events', eventBody(51 * HOUR_MS + 59 * MINUTE_MS, HOUR_MS));
    assert.equal(overlap.status, 409);
    assert.match(overlap.body.message, /Morning keynote/);
    assert.ok(overlap.body.message.includes(first.body.id));
    const before = await organizer().post('/api/events', eventBody(49 * HOUR_MS, HOUR_MS));
    const afterIt = await organizer().post('/api/events', eventBody(52 * HOUR_MS, HOUR_MS));
    assert.equal(before.status, 201, 'ending exactly when the other starts');
    assert.equal(afterIt.status, 201, 'starting exactly when the other ends');
  });

  it('lets an edit keep its own slot but not move onto another event', async () => {
    const a = await organizer().post('/api/events', eventBody(60 * HOUR_MS, HOUR_MS, { title: 'A' }));
    const b = await organizer().post('/api/events', eventBody(62 * HOUR_MS, HOUR_MS, { title: 'B' }));
    const longer = await organizer().patch(`/api/events/${a.body.id}`, { endsAt: at(62 * HOUR_MS), title: 'A+' });
    assert.equal(longer.status, 200, JSON.stringify(longer.body));
    assert.equal(longer.body.title, 'A+');
    const onto = await organizer().patch(`/api/events/${a.body.id}`, { endsAt: at(62 * HOUR_MS + MINUTE_MS) });
    assert.equal(onto.status, 409);
    assert.match(onto.body.message, /"B"/);
    const tooLong = await organizer().patch(`/api/events/${b.body.id}`, { endsAt: at(70 * HOUR_MS + MINUTE_MS) });
    assert.equal(tooLong.status, 400);
  });

  it("frees a cancelled event's slot and refuses to edit or cancel it again", async () => {
    const e = await organizer().post('/api/events', eventBody(80 * HOUR_MS, HOUR_MS));
    const cancelled = await organizer().post(`/api/events/${e.body.id}/cancel`);
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.state, 'cancelled');
    assert.equal((await organizer().post('/api/events', eventBody(80 * HOUR_MS, HOUR_MS))).status, 201);
    assert.equal((await organizer().patch(`/api/events/${e.body.id}`, { title: 'again' })).status, 409);
    assert.equal((await organizer().post(`/api/events/${e.body.id}/cancel`)).status, 409);
  });

  it('guards the state machine: scheduled → live → ended, one live event per organizer', async () => {
    const events = h.controlPlane.app.get(EventsService);
    const one = await organizer().post('/api/events', eventBody(90 * HOUR_MS, HOUR_MS));
    const two = await organizer().post('/api/events', eventBody(92 * HOUR_MS, HOUR_MS));
    const live = await events.markLive(one.body.id);
    assert.equal(live.state, 'live');
    assert.ok(live.actualStartAt);
    await assert.rejects(
      events.markLive(two.body.id),
      (e: Error & { kind?: string }) => e.kind === 'conflict' && /already has a live event/.test(e.message),
    );
    assert.equal(
      (await organizer().patch(`/api/events/${one.body.id}`, { title: 'x' })).status,
      409,
      'a live event cannot be edited',
    );
    assert.equal(
      (await organizer().post(`/api/events/${one.body.id}/cancel`)).status,
      409,
      'a live event cannot be cancelled',
    );
    const ended = await organizer().post(`/api/events/${one.body.id}/end`);
    assert.equal(ended.status, 200);
    assert.equal(ended.body.state, 'ended');
    assert.equal(ended.body.endReason, 'organizer-ended');
    await assert.rejects(events.markLive(one.body.id), /ended cannot become live/);
    assert.equal((await events.markLive(two.body.id)).state, 'live', 'the next event may go live once the first ended');
    assert.equal((await events.markEnded(two.body.id, 'duration-cap')).endReason, 'duration-cap');
  });

  it('shows the stream key only to the organizer and rotates it', async () => {
    const e = await organizer().post('/api/events', eventBody(100 * HOUR_MS, HOUR_MS));
    const key = e.body.streamKey as string;
    assert.ok(Buffer.from(key, 'base64url').length * 8 >= 128, 'at least 128 random bits');
    const asAdmin = await h.api(s.admin.token).get(`/api/events/${e.body.id}`);
    assert.equal(asAdmin.status, 200);
    assert.equal(asAdmin.body.streamKey, undefined);
    const rotated = await organizer().post(`/api/events/${e.body.id}/stream-key`);
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.streamKey, key);
    const events = h.controlPlane.app.get(EventsService);
    assert.equal(await events.findByStreamKey(key), null, 'the old key no longer finds the event');
    assert.equal((await events.findByStreamKey(rotated.body.streamKey))?.id, e.body.id);
  });

  it('lets only organizers schedule', async () => {
    const r = await h.api(s.admin.token).post('/api/events', eventBody(110 * HOUR_MS, HOUR_MS));
    assert.equal(r.status, 403);
  });
});
