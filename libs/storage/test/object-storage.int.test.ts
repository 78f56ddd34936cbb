import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { EMBEDDED_S3_CREDENTIALS, EmbeddedS3, ObjectStorage, startEmbeddedS3 } from '#storage';

describe('object storage over a real S3 endpoint (s3rver over HTTP)', () => {
  let s3: EmbeddedS3;
  let storage: ObjectStorage;
  const dir = mkdtempSync(join(tmpdir(), 'storage-test-'));

  before(async () => {
    s3 = await startEmbeddedS3({ dir, port: 0, buckets: [] });
    storage = new ObjectStorage({ endpoint: s3.endpoint, ...EMBEDDED_S3_CREDENTIALS, bucket: 'storage-test' });
    await storage.ensureBucket('vod/');
    await storage.ensureBucket('vod/'); // idempotent
  });
  after(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts and gets objects, and serves them anonymously at their public URL', async () => {
    await storage.put('vod/a/master.m3u8', '#EXTM3U\n', 'application/vnd.apple.mpegurl');
    assert.equal((await storage.get('vod/a/master.m3u8')).toString(), '#EXTM3U\n');
    const res = await fetch(storage.publicUrl('vod/a/master.m3u8'));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '#EXTM3U\n');
    assert.equal(await storage.exists('vod/a/master.m3u8'), true);
    assert.equal(await storage.exists('vod/a/missing'), false);
  });

  it('lets a browser PUT to a presigned URL from another origin (the bucket it created answers CORS)', async () => {
    const url = await storage.presignedPut('sources/from-browser', 60);
    const origin = 'http://127.0.0.1:5173';
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 200, await preflight.text());
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PUT/);
    const put = await fetch(url, { method: 'PUT', headers: { origin }, body: Buffer.alloc(10, 1) });
    assert.equal(put.status, 200);
    assert.equal(put.headers.get('access-control-allow-origin'), '*');
    assert.equal(await storage.sizeOf('sources/from-browser'), 10);
  });

  it('tells the size of an object, and that there is none under an unknown key', async () => {
    await storage.put('sources/s1', Buffer.alloc(1234, 7));
    assert.equal(await storage.sizeOf('sources/s1'), 1234);
    assert.equal(await storage.sizeOf('sources/none'), null);
  });

  it('builds public URLs from a CDN base when one is configured', () => {
    const cdn = new ObjectStorage({ ...storage.settings, publicBaseUrl: 'https://cdn.example.com/media/' });
    assert.equal(cdn.publicUrl('vod/a b/master.m3u8'), 'https://cdn.example.com/media/vod/a%20b/master.m3u8');
    assert.equal(storage.publicUrl('vod/x.ts'), `${s3.endpoint}/storage-test/vod/x.ts`);
  });

  it('streams a 12 MB body in one PUT (s3rver has no multipart, so a multipart upload would fail)', async () => {
    const body = randomBytes(12 * 1024 * 1024);
    await storage.putStream(
      'sources/big',
      Readable.from([body.subarray(0, 5_000_000), body.subarray(5_000_000)]),
      body.length,
    );
    const back = await storage.get('sources/big');
    assert.equal(back.length, body.length);
    assert.ok(back.equals(body));
  });

  it('rejects a stream shorter than its declared size', async () => {
    await assert.rejects(storage.putStream('sources/short', Readable.from([Buffer.alloc(10)]), 100));
  });

  it('accepts a presigned PUT and serves a presigned GET', async () => {
    const put = await storage.presignedPut('sources/presigned');
    assert.equal((await fetch(put, { method: 'PUT', body: 'hello' })).status, 200);
    const get = await storage.presignedGet('sources/presigned');
    assert.equal(await (await fetch(get)).text(), 'hello');
  });

  it('lists and deletes everything under a prefix, and nothing else', async () => {
    for (let i = 0; i < 5; i++) await storage.put(`vod/del/x/${i}.ts`, `s${i}`);
    await storage.put('vod/keep/0.ts', 'k');
    assert.equal((await storage.list('vod/del/')).length, 5);
    assert.equal(await storage.deletePrefix('vod/del/'), 5);
    assert.deepEqual(await storage.list('vod/del/'), []);
    assert.equal((await storage.list('vod/keep/')).length, 1);
    await assert.rejects(storage.deletePrefix(''));
  });
});
