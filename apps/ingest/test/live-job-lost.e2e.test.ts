import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { LIVE_QUEUE, liveJobId } from '#contracts';
import { eventually } from '#test-support';
import { LiveStack, exited, publish, startLiveStack } from '#test-support/live-stack';

// Redis forgets a live job in the middle of a webcast (its keys deleted, as an eviction or a failover to a replica
// that missed the last writes would): ingest, still holding the publisher, queues it again, the worker of the
// vanished job stops when it cannot renew its lock, and the playlist goes on from where it was.

describe('a live job Redis lost mid-stream', { timeout: 150_000 }, () => {
  let stack: LiveStack;
  let redis: Redis;
  before(async () => {
    stack = await startLiveStack({ workers: 2 });
    redis = new Redis(stack.cp.config.REDIS_URL);
  });
  after(async () => {
    redis?.disconnect();
    await stack?.close();
  });

  it('gets a new job and the live playlist continues', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    await stack.keyCacheRefreshed();
    const publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${streamKey}`, 45);
    const api = stack.cp.api(customer.organizer.token);
    const playlistUrl = await eventually(
      async () => {
        const v = (await api.get(`/api/events/${eventId}/live`)).body;
        if (!v.playback) return false;
        const url = (v.playback.liveMasterUrl as string).replace('master.m3u8', '360p/live.m3u8');
        return (await fetch(url)).ok && url;
      },
      { timeout: 30_000, interval: 200, message: 'the live playlist' },
    );
    const segments = async () => {
      const text = await (await fetch(playlistUrl)).text();
      const seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
      return seq + [...text.matchAll(/#EXTINF:/g)].length;
    };
    await eventually(async () => (await segments()) >= 4, { timeout: 30_000, interval: 250, message: '4 segments' });

    const jobKey = `${stack.cp.config.REDIS_PREFIX}:${LIVE_QUEUE}:${liveJobId(eventId)}`;
    assert.equal(await redis.exists(jobKey), 1);
    await redis.del(jobKey, `${jobKey}:lock`);
    await redis.lrem(`${stack.cp.config.REDIS_PREFIX}:${LIVE_QUEUE}:active`, 0, liveJobId(eventId));
    const atLoss = await segments();

    await eventually(async () => ((await stack.ingest.metrics.liveJobsRequeued.get()).values[0]?.value ?? 0) >= 1, {
      timeout: 15_000,
      interval: 200,
      message: 'ingest queued the job again',
    });
    await eventually(async () => assert.equal(await redis.exists(jobKey), 1), { timeout: 10_000 });
    // the stream goes on: new segments keep coming after the loss, and the event is still live
    await eventually(async () => assert.ok((await segments()) >= atLoss + 4, `${await segments()} after ${atLoss}`), {
      timeout: 40_000,
      interval: 500,
      message: 'the playlist continues',
    });
    assert.equal((await api.get(`/api/events/${eventId}`)).body.state, 'live');
    assert.equal(await exited(publisher), 0);
  });
});
