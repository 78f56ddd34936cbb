import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { FfmpegRunner, newHlsKey } from '#media';
import { VOD_QUEUE, VodJobData, VodJobResult } from '#contracts';
import { EMBEDDED_S3_CREDENTIALS, EmbeddedS3, ObjectStorage, startEmbeddedS3 } from '#storage';
import { eventually, freePort, uniqueRedisPrefix } from '#test-support';
import { createVodWorker } from '../src/vod/vod-worker';

// A storage outage is not the file's fault: the attempt fails, BullMQ retries it with backoff, and once storage is
// back the job completes.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the vod worker during a storage outage', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vod-retry-'));
  const prefix = uniqueRedisPrefix('vod-retry');
  const cleanups: Array<() => Promise<unknown>> = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retries with backoff while S3 is down and completes once it is back', async () => {
    const port = await freePort();
    const s3dir = join(dir, 's3');
    let s3: EmbeddedS3 = await startEmbeddedS3({ dir: s3dir, port });
    const storage = new ObjectStorage({ endpoint: s3.endpoint, ...EMBEDDED_S3_CREDENTIALS, bucket: 'vod-retry-test' });
    await storage.ensureBucket();
    const source = join(dir, 'source.mp4');
    await promisify(execFile)('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=426x240:rate=25:duration=2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      source,
    ]);
    await storage.putFile('sources/a1', source);
    await s3.close(); // outage

    const key = newHlsKey();
    const { worker } = createVodWorker(
      {
        storage,
        runner: new FfmpegRunner(),
        keys: { keyFor: async () => key },
        workDir: dir,
        segmentSeconds: 2,
        preset: 'ultrafast',
        uploadParallelism: 2,
      },
      {
        redisUrl: REDIS_URL,
        redisPrefix: prefix,
        concurrency: 1,
        lockDurationMs: 10_000,
        stalledIntervalMs: 10_000,
        maxStalledCount: 1,
      },
    );
    cleanups.push(() => worker.close());
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue<VodJobData, VodJobResult>(VOD_QUEUE, { connection, prefix });
    cleanups.push(async () => {
      await queue.close();
      connection.disconnect();
    });
    await queue.add(
      'transcode',
      { assetId: 'a1', sourceKey: 'sources/a1', outputPrefix: 'vod/a1/', keyUri: 'http://127.0.0.1:1/k' },
      {
        jobId: 'a1',
        attempts: 6,
        backoff: { type: 'exponential', delay: 500 },
      },
    );

    await eventually(async () => ((await queue.getJob('a1'))?.attemptsMade ?? 0) >= 1, {
      timeout: 30_000,
      interval: 100,
      message: 'a failed attempt',
    });
    const job = await queue.getJob('a1');
    assert.notEqual(await job!.getState(), 'failed', 'a storage error is retried, not final');
    assert.match((job?.stacktrace ?? []).join('\n') + (job?.failedReason ?? ''), /ECONNREFUSED|connect|socket/i);

    s3 = await startEmbeddedS3({ dir: s3dir, port }); // storage is back
    cleanups.push(() => s3.close());
    await eventually(async () => assert.equal(await (await queue.getJob('a1'))!.getState(), 'completed'), {
      timeout: 60_000,
      interval: 100,
      message: 'the job to complete once storage is back',
    });
    const done = (await queue.getJob('a1'))!;
    assert.ok(done.attemptsStarted >= 2, `attempts started: ${done.attemptsStarted}`);
    assert.ok(await storage.exists(done.returnvalue.masterKey));
    assert.ok((await storage.list('vod/a1/')).every((o) => o.key.startsWith(done.returnvalue.attemptPrefix)));
  });
});
