import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { VOD_QUEUE } from '#contracts';
import { eventually } from '#test-support';
import { MediaStack, generateSource, startMediaStack } from './media-stack';

// Redis forgets the queue (a restart without persistence, an eviction): an upload that was waiting for a
// transcoder must not stay "queued" forever. The control plane's sweep finds the asset with no job, queues it
// again from the source still in storage, and a transcoder started afterwards makes it ready.

describe('work Redis lost is queued again', { timeout: 180_000 }, () => {
  let stack: MediaStack;
  let redis: Redis;
  before(async () => {
    stack = await startMediaStack({
      transcoders: 0,
      controlPlane: { RECONCILE_INTERVAL: 500, RECONCILE_GRACE: 500 },
    });
    redis = new Redis(stack.cp.config.REDIS_URL);
  });
  after(async () => {
    redis?.disconnect();
    await stack?.close();
  });

  const reconciled = async () => {
    const text = await (await fetch(`${stack.cp.url}/metrics`)).text();
    return Number(/^queue_reconciled_total\{kind="vod"\} (\d+)/m.exec(text)?.[1] ?? 0);
  };

  it('re-enqueues a transcode whose queue entry vanished, and the video becomes ready', async () => {
    const source = join(stack.dir, 'lost-job.mp4');
    await generateSource(source, { width: 640, height: 360, seconds: 4 });
    const id = await stack.upload(source, 'Lost job');
    await stack.waitForState(id, ['queued'], 10_000);

    const keys = await redis.keys(`${stack.cp.config.REDIS_PREFIX}:${VOD_QUEUE}:*`);
    assert.ok(
      keys.some((k) => k.endsWith(`:${id}`)),
      'the job was in Redis',
    );
    await redis.del(...keys);
    assert.equal(await redis.exists(`${stack.cp.config.REDIS_PREFIX}:${VOD_QUEUE}:${id}`), 0);

    await eventually(async () => assert.ok((await reconciled()) >= 1), {
      timeout: 15_000,
      message: 'the sweep counted a reconciliation',
    });
    assert.equal(await redis.exists(`${stack.cp.config.REDIS_PREFIX}:${VOD_QUEUE}:${id}`), 1, 'the job is back');
    assert.equal(
      (await stack.cp.api(stack.customer.organizer.token).get(`/api/media/assets/${id}`)).body.state,
      'queued',
    );

    await stack.startTranscoder();
    const ready = await stack.waitForState(id, ['ready'], 120_000);
    assert.ok(ready.durationS > 3.5, `duration ${ready.durationS}`);
    // queued once again, not once per sweep: the job id is the asset's
    assert.equal(await reconciled(), 1);
  });
});
