import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { eventSnapshotKey } from '#contracts';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

describe('control-plane harness', () => {
  let h: ControlPlaneHarness;
  before(async () => {
    h = await startControlPlane();
  });
  after(async () => {
    await h.close();
  });

  it('seeds an account whose organizer schedules an event and whose snapshot lands in Redis', async () => {
    const s = await h.seed();
    const start = new Date(Date.now() + 3600_000);
    const res = await h.api(s.organizer.token).post('/api/events', {
      title: 'Harness check',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.attendeeLimit, 100);
    assert.ok(res.body.streamKey.length >= 22);
    const redis = new Redis(h.config.REDIS_URL);
    try {
      const snap = JSON.parse((await redis.get(eventSnapshotKey(h.config.REDIS_PREFIX, res.body.id)))!);
      assert.equal(snap.state, 'scheduled');
      assert.deepEqual(snap.terms, { attendeeLimit: 100, bufferPercent: 10, overagePolicy: 'bill', overageCap: null });
    } finally {
      redis.disconnect();
    }
  });
});
