import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { VOD_QUEUE } from '#contracts';
import { freePort } from '#test-support';
import { MediaStack, generateSource, startMediaStack } from './media-stack';

// Unplayable uploads fail at once with a reason a person understands, are never retried, keep their source, and
// do not stop the worker.
describe('unplayable uploads', { timeout: 180_000 }, () => {
  let stack: MediaStack;
  let queue: Queue;
  let connection: Redis;
  let metricsPort: number;

  before(async () => {
    metricsPort = await freePort();
    stack = await startMediaStack({ transcoders: 1, transcoderEnv: { VOD_METRICS_PORT: String(metricsPort) } });
    connection = new Redis(stack.cp.config.REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(VOD_QUEUE, { connection, prefix: stack.cp.config.REDIS_PREFIX });
  });
  after(async () => {
    await queue?.close();
    connection?.disconnect();
    await stack?.close();
  });

  async function expectFailedWithin10s(path: string, reason: RegExp) {
    const id = await stack.upload(path);
    const started = Date.now();
    const failed = await stack.waitForState(id, ['failed', 'ready'], 10_000);
    assert.equal(failed.state, 'failed');
    assert.match(failed.failureReason, reason);
    assert.ok(Date.now() - started <= 10_000);
    const job = await queue.getJob(id);
    assert.equal(job?.attemptsMade, 1, 'no retry');
    assert.equal(await stack.storage.exists(`sources/${id}`), true, 'the source is kept');
    assert.deepEqual(await stack.storage.list(`vod/${id}/`), [], 'the failed attempt left nothing');
    return id;
  }

  it('fails random bytes named .mp4 with a reason, without retry', async () => {
    const p = join(stack.dir, 'random.mp4');
    await writeFile(p, randomBytes(300_000));
    await expectFailedWithin10s(p, /not a video or audio file/);
  });

  it('fails a truncated mp4 with a reason, without retry', async () => {
    const full = join(stack.dir, 'full.mp4');
    await generateSource(full, { width: 640, height: 360, seconds: 4 });
    const bytes = await readFile(full);
    const p = join(stack.dir, 'truncated.mp4');
    await writeFile(p, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectFailedWithin10s(p, /incomplete/);
  });

  it('fails a text file with a reason, without retry', async () => {
    const p = join(stack.dir, 'notes.mp4');
    await writeFile(p, 'Meeting notes\n'.repeat(2000));
    await expectFailedWithin10s(p, /not a video or audio file/);
  });

  it('keeps the worker going: the next, playable upload becomes ready', async () => {
    const p = join(stack.dir, 'ok.mp4');
    await generateSource(p, { width: 426, height: 240, seconds: 3 });
    const id = await stack.upload(p);
    const ready = await stack.waitForState(id, ['ready', 'failed'], 60_000);
    assert.equal(ready.state, 'ready', ready.failureReason);
    assert.deepEqual(
      ready.renditions.map((r: any) => `${r.width}x${r.height}`),
      ['426x240'],
    );
    assert.equal(stack.transcoders[0].child.exitCode, null);
  });

  it('accepts a source sent straight to storage with the presigned PUT URL', async () => {
    const api = stack.cp.api(stack.customer.organizer.token);
    const created = await api.post('/api/media/assets', { title: 'presigned' });
    assert.equal((await api.post(`/api/media/assets/${created.body.id}/uploaded`)).status, 400, 'nothing uploaded yet');
    const p = join(stack.dir, 'presigned.mp4');
    await generateSource(p, { width: 426, height: 240, seconds: 2 });
    const put = await fetch(created.body.upload.presignedUrl, { method: 'PUT', body: await readFile(p) });
    assert.equal(put.status, 200);
    const confirmed = await api.post(`/api/media/assets/${created.body.id}/uploaded`);
    assert.equal(confirmed.status, 202);
    assert.equal(confirmed.body.state, 'queued');
    assert.equal((await api.post(`/api/media/assets/${created.body.id}/uploaded`)).status, 409, 'queued once');
    const ready = await stack.waitForState(created.body.id, ['ready', 'failed'], 60_000);
    assert.equal(ready.state, 'ready', ready.failureReason);
  });

  it("counts the outcomes in the transcoder's Prometheus metrics, next to its /health", async () => {
    assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/health`)).status, 200);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    assert.match(text, /^vod_jobs_total\{outcome="unplayable"\} 3$/m);
    assert.match(text, /^vod_jobs_total\{outcome="completed"\} [1-9]/m);
    assert.match(text, /^vod_jobs_active 0$/m);
  });

  it("lists an organizer's own assets, and all of the account to its administrator", async () => {
    const mine = await stack.cp.api(stack.customer.organizer.token).get('/api/media/assets');
    assert.equal(mine.status, 200);
    assert.ok(mine.body.length >= 5);
    assert.ok(mine.body.some((a: any) => a.state === 'failed' && /not a video or audio file/.test(a.failureReason)));
    const admin = await stack.cp.api(stack.customer.admin.token).get('/api/media/assets');
    assert.deepEqual(admin.body.map((a: any) => a.id).sort(), mine.body.map((a: any) => a.id).sort());
    assert.equal(
      (await stack.cp.api(stack.customer.admin.token).get(`/api/media/assets/${mine.body[0].id}`)).status,
      200,
    );
    const other = await stack.cp.seed();
    assert.deepEqual((await stack.cp.api(other.organizer.token).get('/api/media/assets')).body, []);
  });

  it('refuses uploads without a length, over the size limit, or into an asset already queued', async () => {
    const api = stack.cp.api(stack.customer.organizer.token);
    const id = (await api.post('/api/media/assets', { title: 'x' })).body.id;
    const auth = { authorization: `Bearer ${stack.customer.organizer.token}` };
    const url = `${stack.cp.url}/api/media/assets/${id}/source`;
    const chunked = await fetch(url, {
      method: 'PUT',
      headers: auth,
      body: new ReadableStream({
        start(c) {
          c.enqueue(new Uint8Array(10));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 411);
    // a declared size over UPLOAD_MAX_BYTES is refused before any byte is stored
    const tooBig = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        { method: 'PUT', headers: { ...auth, 'content-length': String(3 * 1024 ** 3) } },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
          req.destroy();
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });
    assert.equal(tooBig, 413);
    assert.equal(await stack.storage.exists(`sources/${id}`), false);
    const empty = await fetch(url, { method: 'PUT', headers: auth, body: '' });
    assert.equal(empty.status, 400);
    assert.equal((await api.post('/api/media/assets', { title: '' })).status, 400);
    assert.equal(
      (await api.post('/api/media/assets', { title: 'x', eventId: '00000000-0000-4000-8000-000000000000' })).status,
      404,
    );
    assert.equal((await api.post('/api/media/assets', { title: 'x', eventId: 'nope' })).status, 400);
    assert.equal((await api.get('/api/media/assets/not-a-uuid')).status, 404);
    assert.equal((await stack.cp.api().get(`/api/media/assets/${id}`)).status, 401);
  });
});
