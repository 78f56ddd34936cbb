import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { LIVE_QUEUE } from '#contracts';
import { eventually } from '#test-support';
import { LiveStack, decodeHls, exited, publish, startLiveStack } from '#test-support/live-stack';

// Issue 15 item 3: a live job that fails for good still leaves a playable recording of what was stored, or a failed
// recording with a reason the organizer reads; a killed worker's local segments are swept. Attempts 1: the first
// failed attempt fails the job for good (a worker killed with -9 uses none: it is taken over).

describe('live jobs that fail', () => {
  let stack: LiveStack;
  before(async () => {
    stack = await startLiveStack({ graceMs: GRACE_MS, workers: 2, liveJobAttempts: 1 });
  });
  after(async () => {
    await stack?.close();
  });

  const GRACE_MS = 8000;
  const rtmp = (key: string) => `rtmp://127.0.0.1:${stack.rtmpPort}/live/${key}`;
  const liveView = async (token: string, eventId: string) =>
    (await stack.cp.api(token).get(`/api/events/${eventId}/live`)).body;
  const assetOf = async (token: string, assetId: string) =>
    (await stack.cp.api(token).get(`/api/media/assets/${assetId}`)).body;
  const running = () => stack.workers.filter((w) => w.exitCode === null && w.signalCode === null);
  const foldersOf = (pid: number) => readdirSync(stack.workDir).filter((n) => n.startsWith(`live-${pid}-`));
  /** The live playlist of the 360p rung, once it exists, and the media seconds it names. */
  const livePlaylist = async (token: string, eventId: string) =>
    eventually(
      async () => {
        const v = await liveView(token, eventId);
        if (!v.playback) return false;
        const url = (v.playback.liveMasterUrl as string).replace('master.m3u8', '360p/live.m3u8');
        return (await fetch(url)).ok && url;
      },
      { timeout: 30_000, interval: 200, message: 'live playlist' },
    );
  const namedSeconds = async (url: string) => {
    const text = await (await fetch(url)).text();
    const seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
    const durations = [...text.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
    return { segments: seq + durations.length, text };
  };

  it('kill -9 of a live worker: its local segments are swept once another worker takes the stream over', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    await stack.keyCacheRefreshed();
    const publisher = publish(rtmp(streamKey), 40);
    try {
      const url = await livePlaylist(customer.organizer.token, eventId);
      await eventually(async () => (await namedSeconds(url)).segments >= 2, {
        timeout: 20_000,
        interval: 200,
        message: 'a few segments',
      });
      const pid = await stack.workerPidOf(eventId);
      assert.ok(pid, 'a worker holds the stream');
      assert.equal(foldersOf(pid).length, 1, 'the worker keeps its segments in a folder of its own');
      process.kill(pid, 'SIGKILL');
      await eventually(async () => ((await stack.workerPidOf(eventId)) ?? pid) !== pid, {
        timeout: 30_000,
        interval: 200,
        message: 'another worker took the stream over',
      });
      await eventually(() => foldersOf(pid).length === 0, {
        timeout: 10_000,
        message: () => `the killed worker's folder is swept; work dir: ${readdirSync(stack.workDir).join(', ')}`,
      });
      const taker = (await stack.workerPidOf(eventId))!;
      assert.equal(foldersOf(taker).length, 1, 'the worker that took over keeps its own folder');
    } finally {
      publisher.kill('SIGINT');
      await exited(publisher);
      stack.startWorker();
    }
  });

  it('the only attempt of a live job fails mid-stream: the recording plays up to the failure; publishing again retries', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    const token = customer.organizer.token;
    await stack.keyCacheRefreshed();
    const startedAt = Date.now();
    let publisher = publish(rtmp(streamKey), 120);
    try {
      const url = await livePlaylist(token, eventId);
      await eventually(async () => (await namedSeconds(url)).segments >= 5, {
        timeout: 30_000,
        interval: 200,
        message: 'five segments',
      });
      const pid = await stack.workerPidOf(eventId);
      assert.ok(pid, 'a worker holds the stream');
      const before = (await namedSeconds(url)).segments;
      // a clean stop fails the attempt (another worker would resume it, were there attempts left)
      const worker = stack.workers.find((w) => w.pid === pid)!;
      worker.kill('SIGTERM');
      await exited(worker);
      const publishedS = (Date.now() - startedAt) / 1000;
      assert.equal(
        await eventually(async () => (await stack.liveJobState(eventId)) === 'failed' && 'failed', {
          timeout: 30_000,
          message: 'the live job failed for good',
        }),
        'failed',
      );
      const assetId = (await liveView(token, eventId)).playback.assetId as string;
      const asset = await eventually(
        async () => {
          const a = await assetOf(token, assetId);
          assert.equal(a.state, 'ready');
          return a;
        },
        { timeout: 30_000, interval: 200, message: 'the recording is ready after the failure' },
      );
      // what it holds: every segment stored before the failure, never more than was published
      assert.ok(asset.durationS >= before - 0.5, `${asset.durationS} s recorded, ${before} segments before the stop`);
      assert.ok(asset.durationS <= publishedS + 2, `${asset.durationS} s recorded of ${publishedS} s published`);
      const replayUrl = (await liveView(token, eventId)).playback.replayMasterUrl as string;
      assert.ok(replayUrl, 'the event page offers the replay');
      const rendition = replayUrl.replace('replay.m3u8', '360p/replay.m3u8');
      const text = await (await fetch(rendition)).text();
      assert.match(text, /#EXT-X-PLAYLIST-TYPE:VOD/);
      assert.match(text, /#EXT-X-ENDLIST/);
      assert.match(await (await fetch(url)).text(), /#EXT-X-ENDLIST/, 'live viewers see the stream end');
      const vod = await decodeHls(rendition, stack.playbackToken(eventId));
      assert.equal(vod.code, 0, vod.stderr);
      assert.ok(vod.seconds >= asset.durationS - 1.5, `decoded ${vod.seconds} s of ${asset.durationS} s`);

      // the retry: the presenter publishes again within the grace; a new job resumes the same recording
      stack.startWorker();
      publisher.kill('SIGKILL');
      await exited(publisher);
      publisher = publish(rtmp(streamKey), 6);
      await eventually(async () => (await assetOf(token, assetId)).state === 'uploading', {
        timeout: 20_000,
        interval: 200,
        message: 'the recording reopened',
      });
      await eventually(async () => (await namedSeconds(url)).text.includes('#EXT-X-DISCONTINUITY'), {
        timeout: 30_000,
        interval: 200,
        message: 'a worker resumed the stream after the retry',
      });
      await exited(publisher);
      const final = await eventually(
        async () => {
          const a = await assetOf(token, assetId);
          assert.equal(a.state, 'ready');
          return a;
        },
        { timeout: 60_000, interval: 200, message: 'the retried recording is ready once the stream ended' },
      );
      assert.ok(final.durationS > asset.durationS, `${final.durationS} s after the retry, ${asset.durationS} s before`);
    } finally {
      publisher.kill('SIGKILL');
      await exited(publisher);
      while (running().length < 2) stack.startWorker();
    }
  });

  it('a live job fails for good before anything was stored: the recording fails with a reason the organizer reads', async () => {
    // the only worker is one that cannot transcode
    for (const w of running()) {
      w.kill('SIGTERM');
      await exited(w);
    }
    const connection = new Redis(stack.cp.config.REDIS_URL, { maxRetriesPerRequest: null });
    const broken = new Worker(
      LIVE_QUEUE,
      () => Promise.reject(new UnrecoverableError('ffmpeg is missing on this transcoder')),
      { connection, prefix: stack.cp.config.REDIS_PREFIX },
    );
    const { customer, eventId, streamKey } = await stack.liveEvent();
    const token = customer.organizer.token;
    await stack.keyCacheRefreshed();
    const publisher = publish(rtmp(streamKey), 30);
    try {
      const assetId = await eventually(async () => (await liveView(token, eventId)).playback?.assetId ?? false, {
        timeout: 20_000,
        interval: 200,
        message: 'the event went live',
      });
      const asset = await eventually(
        async () => {
          const a = await assetOf(token, assetId);
          assert.equal(a.state, 'failed');
          return a;
        },
        { timeout: 30_000, interval: 200, message: 'the recording failed' },
      );
      assert.match(asset.failureReason, /^The live stream could not be transcoded and nothing of it was recorded/);
      assert.match(asset.failureReason, /ffmpeg is missing on this transcoder/);
      assert.match(asset.failureReason, /Publish again from your encoder/);
      assert.equal(asset.failureCode, 'live-not-recorded');
      assert.equal((await liveView(token, eventId)).playback.replayMasterUrl, null);
    } finally {
      publisher.kill('SIGKILL');
      await exited(publisher);
      await broken.close();
      connection.disconnect();
    }
  });
});
