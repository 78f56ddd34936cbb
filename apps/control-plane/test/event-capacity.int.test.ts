import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { SeatLedger } from '#seat-ledger';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { setEventRun } from '#test-support/attendance-log';
import { HOUR_MS, eventBody } from './support/schedule';

describe('live capacity from the seat ledger (GET /api/events/:id/capacity)', () => {
  let h: ControlPlaneHarness;
  let redis: Redis;
  let ledger: SeatLedger;
  before(async () => {
    h = await startControlPlane();
    redis = new Redis(h.config.REDIS_URL);
    // the ledger admission nodes keep, under this control plane's prefix
    ledger = new SeatLedger(redis, h.config.REDIS_PREFIX, { leaseMs: 60_000 });
  });
  after(async () => {
    redis.disconnect();
    await h.close();
  });

  /** A live event of a fresh account with `attendees` registrants asking for a seat through the ledger. */
  async function liveEvent(
    c: SeededCustomer,
    attendees: number,
    terms: { overagePolicy: 'bill' | 'block'; overageCap: number | null },
  ) {
    const event = (await h.api(c.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body;
    await setEventRun(h.db, event.id, { actualStartAt: new Date() });
    const ledgerEvent = {
      eventId: event.id,
      terms: { attendeeLimit: 10, bufferPercent: 10, ...terms },
      liveCutoffMs: null,
      phase: 'live' as const,
    };
    for (let i = 0; i < attendees; i++) await ledger.acquire(ledgerEvent, randomUUID(), 'browser', 'admission-1');
    return event.id as string;
  }

  it('counts the seats in use by tier and the waiting room against the terms of a bill order', async () => {
    const c = await h.seed({ attendeeLimit: 10, overagePolicy: 'bill', overageCap: 1 });
    const id = await liveEvent(c, 13, { overagePolicy: 'bill', overageCap: 1 });
    const r = await h.api(c.organizer.token).get(`/api/events/${id}/capacity`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, {
      state: 'live',
      viewers: 12,
      waiting: 1,
      included: 10,
      buffer: 1,
      overage: 1,
      limit: 10,
      bufferSeats: 1,
      overageCap: 1,
      policy: 'bill',
    });
    assert.deepEqual((await h.api(c.admin.token).get(`/api/events/${id}/capacity`)).body, r.body);
  });

  it('shows a block order with no overage seat at all', async () => {
    const c = await h.seed({ attendeeLimit: 10, overagePolicy: 'block' });
    const id = await liveEvent(c, 14, { overagePolicy: 'block', overageCap: null });
    const r = await h.api(c.organizer.token).get(`/api/events/${id}/capacity`);
    assert.deepEqual(
      [
        r.body.viewers,
        r.body.waiting,
        r.body.included,
        r.body.buffer,
        r.body.overage,
        r.body.overageCap,
        r.body.policy,
      ],
      [11, 3, 10, 1, 0, 0, 'block'],
    );
  });

  it('answers zeros with the terms while the event is not live', async () => {
    const c = await h.seed({ attendeeLimit: 10, overageCap: null });
    const event = (await h.api(c.organizer.token).post('/api/events', eventBody(3 * HOUR_MS, HOUR_MS))).body;
    const r = await h.api(c.organizer.token).get(`/api/events/${event.id}/capacity`);
    assert.deepEqual(r.body, {
      state: 'scheduled',
      viewers: 0,
      waiting: 0,
      included: 0,
      buffer: 0,
      overage: 0,
      limit: 10,
      bufferSeats: 1,
      overageCap: null,
      policy: 'bill',
    });
  });

  it("is the organizer's and the account administrators': 404 to other accounts, 403 to the operator", async () => {
    const c = await h.seed();
    const event = (await h.api(c.organizer.token).post('/api/events', eventBody(5 * HOUR_MS, HOUR_MS))).body;
    const other = await h.seed();
    const path = `/api/events/${event.id}/capacity`;
    assert.equal((await h.api(other.admin.token).get(path)).status, 404);
    assert.equal((await h.api(other.organizer.token).get(path)).status, 404);
    assert.equal((await h.api((await h.seedOperator()).token).get(path)).status, 403);
    assert.equal((await h.api().get(path)).status, 401);
    assert.equal((await h.api(c.admin.token).get('/api/events/not-an-id/capacity')).status, 404);
  });
});
