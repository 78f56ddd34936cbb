import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { eventually } from '#test-support';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { HOUR_MS, MINUTE_MS, eventBody } from './support/schedule';

// Redis forgets the mail queue (a restart without persistence): the reminders of a coming webcast are delayed jobs
// there, so they would never be sent. The control plane finds them missing and queues them again, due at the same
// moments as before.

describe('reminders Redis lost are queued again', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let redis: Redis;
  let queue: Queue;
  before(async () => {
    h = await startControlPlane({ RECONCILE_INTERVAL: 300 });
    s = await h.seed();
    redis = new Redis(h.config.REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue('mail', { connection: redis, prefix: h.config.REDIS_PREFIX });
  });
  after(async () => {
    await queue.close();
    redis.disconnect();
    await h.close();
  });

  it('re-creates every registrant reminder, due when it was', async () => {
    const organizer = h.api(s.organizer.token);
    const ev = (await organizer.post('/api/events', eventBody(40 * HOUR_MS, HOUR_MS))).body as {
      id: string;
      startsAt: string;
    };
    const ids: string[] = [];
    for (const name of ['Katherine', 'Dorothy', 'Mary']) {
      const r = await organizer.post(`/api/events/${ev.id}/registrations`, {
        name,
        email: `${name.toLowerCase()}@example.org`,
        sendInvitation: false,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids.push(r.body.id);
    }
    const leads = [24 * HOUR_MS, 15 * MINUTE_MS];
    const dueTimes = async () =>
      Promise.all(
        ids.flatMap((id) =>
          leads.map(async (lead) => {
            const job = await queue.getJob(`reminder-${id}-${lead}`);
            return job && (await job.isDelayed()) ? job.timestamp + (job.opts.delay ?? 0) : null;
          }),
        ),
      );
    const expected = ids.flatMap(() => leads.map((lead) => Date.parse(ev.startsAt) - lead));
    assert.deepEqual(await dueTimes(), expected);

    const keys = await redis.keys(`${h.config.REDIS_PREFIX}:mail:*`);
    await redis.del(...keys);
    assert.deepEqual(await dueTimes(), Array<null>(6).fill(null), 'Redis forgot them');

    await eventually(async () => assert.deepEqual(await dueTimes(), expected), {
      timeout: 10_000,
      message: 'the reminders are back, due when they were',
    });
    // the counter moves once the reconcile pass has finished, which may be just after the last job is back
    await eventually(async () => {
      const metrics = await (await fetch(`${h.url}/metrics`)).text();
      assert.match(metrics, /^queue_reconciled_total\{kind="reminder"\} 1$/m);
    });
  });
});
