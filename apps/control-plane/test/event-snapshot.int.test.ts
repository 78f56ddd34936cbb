import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { EventChange, EventSnapshot, eventChangeChannel, eventSnapshotKey } from '#contracts';
import { eventually } from '#test-support';
import { EventLifecycle, EventChangeNotice } from '../src/events/event-lifecycle';
import { EventsService } from '../src/events/events.service';
import { EventSnapshotWriter } from '../src/events/event-snapshot-writer';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { HOUR_MS, eventBody } from './support/schedule';

// Admission and ingest learn about events only from the Redis snapshot and the change channel.
describe('event snapshots in Redis and the in-process lifecycle', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let redis: Redis;
  let sub: Redis;
  const changes: EventChange[] = [];
  const notices: EventChangeNotice[] = [];
  before(async () => {
    h = await startControlPlane({ EVENT_MAX_DURATION: 2 * HOUR_MS, RECONCILE_INTERVAL: 300 });
    s = await h.seed({ attendeeLimit: 300, overagePolicy: 'block' });
    redis = new Redis(h.config.REDIS_URL);
    sub = new Redis(h.config.REDIS_URL);
    await sub.subscribe(eventChangeChannel(h.config.REDIS_PREFIX));
    sub.on('message', (_channel, message) => changes.push(JSON.parse(message)));
    h.controlPlane.app.get(EventLifecycle).subscribe((n) => void notices.push(n));
  });
  after(async () => {
    redis.disconnect();
    sub.disconnect();
    await h.close();
  });
  const snapshot = async (id: string): Promise<EventSnapshot> =>
    JSON.parse((await redis.get(eventSnapshotKey(h.config.REDIS_PREFIX, id)))!);

  it("writes the snapshot with the order's terms and the configured cap, and announces every change", async () => {
    const e = (
      await h
        .api(s.organizer.token)
        .post('/api/events', eventBody(HOUR_MS, HOUR_MS, { attendeeLimit: 250, mode: 'on-demand' }))
    ).body;
    const snap = await snapshot(e.id);
    assert.deepEqual(
      { ...snap, version: undefined },
      {
        id: e.id,
        accountId: s.accountId,
        organizerId: s.organizer.id,
        state: 'scheduled',
        mode: 'on-demand',
        playAsLive: false,
        startsAt: e.startsAt,
        endsAt: e.endsAt,
        actualStartAt: null,
        endedAt: null,
        terms: { attendeeLimit: 250, bufferPercent: 10, overagePolicy: 'block', overageCap: null },
        overageRateCents: 200,
        maxDurationMs: 2 * HOUR_MS,
        version: undefined,
      },
    );
    const events = h.controlPlane.app.get(EventsService);
    await events.markLive(e.id);
    await events.markEnded(e.id, 'presenter-stopped');
    const ended = await snapshot(e.id);
    assert.equal(ended.state, 'ended');
    assert.ok(ended.actualStartAt && ended.endedAt);
    assert.ok(ended.version > snap.version);
    await eventually(
      () =>
        assert.deepEqual(
          changes.filter((c) => c.eventId === e.id).map((c) => c.state),
          ['scheduled', 'live', 'ended'],
        ),
      { timeout: 2500, message: 'three changes announced on the channel' },
    );
    assert.deepEqual(
      notices.filter((n) => n.event.id === e.id).map((n) => [n.from, n.to]),
      [
        [null, 'scheduled'],
        ['scheduled', 'live'],
        ['live', 'ended'],
      ],
    );
    assert.ok((await redis.ttl(eventSnapshotKey(h.config.REDIS_PREFIX, e.id))) > 0, 'a final snapshot expires in time');
  });

  it('never lets an older version overwrite a newer snapshot', async () => {
    const e = (await h.api(s.organizer.token).post('/api/events', eventBody(4 * HOUR_MS, HOUR_MS))).body;
    const writer = h.controlPlane.app.get(EventSnapshotWriter);
    const events = h.controlPlane.app.get(EventsService);
    const old = await events.getById(e.id);
    await h.api(s.organizer.token).patch(`/api/events/${e.id}`, { title: 'Renamed' });
    await writer.write(old);
    assert.equal((await snapshot(e.id)).version, old.version + 1);
  });

  it('writes again, within the reconcile interval, the snapshot of an open event Redis lost', async () => {
    const e = (await h.api(s.organizer.token).post('/api/events', eventBody(6 * HOUR_MS, HOUR_MS))).body;
    const key = eventSnapshotKey(h.config.REDIS_PREFIX, e.id);
    await redis.del(key);
    await eventually(async () => assert.equal(await redis.exists(key), 1), {
      timeout: 5000,
      message: 'the snapshot is back',
    });
    const back = await snapshot(e.id);
    assert.deepEqual([back.id, back.state, back.version], [e.id, 'scheduled', 1]);
  });

  it('carries new order terms to open events, lowering limits above the new one', async () => {
    const e = (await h.api(s.organizer.token).post('/api/events', eventBody(8 * HOUR_MS, HOUR_MS))).body;
    assert.equal((await snapshot(e.id)).terms.attendeeLimit, 300);
    const r = await h.api(s.admin.token).put(`/api/orders/${s.orderId}`, {
      seats: 2,
      attendeeLimit: 120,
      overageRateCents: 90,
      overagePolicy: 'bill',
      overageCap: 15,
      validFrom: new Date(Date.now() - 86_400_000).toISOString(),
      validUntil: new Date(Date.now() + 100 * 86_400_000).toISOString(),
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const snap = await snapshot(e.id);
    assert.deepEqual(snap.terms, { attendeeLimit: 120, bufferPercent: 10, overagePolicy: 'bill', overageCap: 15 });
    assert.equal(snap.overageRateCents, 90);
    assert.equal((await h.api(s.organizer.token).get(`/api/events/${e.id}`)).body.attendeeLimit, 120);
  });

  it('refuses to lower seats below the organizers holding them', async () => {
    const admin = h.api(s.admin.token);
    assert.equal(
      (
        await admin.post('/api/organizers', {
          email: 'second.person@acme.example',
          name: 'Second',
          password: 'a-long-enough-password',
        })
      ).status,
      201,
    );
    const terms = {
      attendeeLimit: 120,
      overageRateCents: 90,
      overagePolicy: 'bill',
      validFrom: new Date(Date.now() - 86_400_000).toISOString(),
      validUntil: '2036-01-01T00:00:00Z',
    };
    const r = await admin.put(`/api/orders/${s.orderId}`, { ...terms, seats: 1 });
    assert.equal(r.status, 409);
    assert.equal(r.body.field, 'seats');
    assert.match(r.body.message, /2 organizers hold seats/);
  });
});
