import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseMediaPlaylist } from '#media';
import { signPlaybackToken } from '#tokens';
import { MediaStack, ffmpeg, generateSource, probeDuration, startMediaStack } from './media-stack';

// Issue 3, end to end: upload -> vod queue -> transcoder process -> encrypted HLS in S3 -> key server.

function streamInfs(master: string): Array<Record<string, string> & { uri: string }> {
  const lines = master.split('\n');
  const out: Array<Record<string, string> & { uri: string }> = [];
  lines.forEach((l, i) => {
    if (!l.startsWith('#EXT-X-STREAM-INF:')) return;
    const attrs: Record<string, string> = {};
    for (const m of l.slice(18).matchAll(/([A-Z-]+)=("[^"]*"|[^,]*)/g)) attrs[m[1]] = m[2].replace(/^"|"$/g, '');
    out.push({ ...attrs, uri: lines[i + 1] });
  });
  return out;
}

describe('on-demand video end to end (1080p30 source with audio)', { timeout: 300_000 }, () => {
  let stack: MediaStack;
  let source: string;
  let sourceDuration: number;
  let assetId: string;
  let ready: any;
  const sseEvents: any[] = [];

  before(async () => {
    stack = await startMediaStack({ transcoders: 1 });
    source = join(stack.dir, 'source-1080p.mp4');
    await generateSource(source, { width: 1920, height: 1080, seconds: 6, fps: 30 });
    sourceDuration = await probeDuration(source);
  });
  after(async () => stack?.close());

  it('uploads a 1080p30 source, reports progress on the push channel, and becomes ready with 1080p/720p/480p/360p', async () => {
    const api = stack.cp.api(stack.customer.organizer.token);
    const created = await api.post('/api/media/assets', { title: 'Keynote' });
    assert.equal(created.status, 201);
    assert.equal(created.body.state, 'uploading');
    assert.match(created.body.upload.presignedUrl, /^http:\/\/127\.0\.0\.1:\d+\/media-test\/sources\//);
    assetId = created.body.id;

    // the push channel: SSE frames until ready
    const sse = await fetch(`${stack.cp.url}/api/media/assets/${assetId}/progress`, {
      headers: { authorization: `Bearer ${stack.customer.organizer.token}` },
    });
    assert.equal(sse.status, 200);
    assert.match(sse.headers.get('content-type') ?? '', /text\/event-stream/);
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of sse.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) sseEvents.push(JSON.parse(data.slice(6)));
        }
      }
    })();

    const { readFile } = await import('node:fs/promises');
    const put = await fetch(`${stack.cp.url}/api/media/assets/${assetId}/source`, {
      method: 'PUT',
      body: await readFile(source),
      headers: {
        authorization: `Bearer ${stack.customer.organizer.token}`,
        'content-type': 'application/octet-stream',
      },
    });
    assert.equal(put.status, 202);
    assert.equal((await put.json()).state, 'queued');

    ready = await stack.waitForState(assetId, ['ready', 'failed'], 240_000);
    assert.equal(ready.state, 'ready', ready.failureReason);
    assert.equal(ready.progress, 100);
    await reading;
    assert.equal(sseEvents[0].state === 'uploading' || sseEvents[0].state === 'queued', true);
    assert.equal(sseEvents.at(-1).state, 'ready');
    const percents = sseEvents.filter((e) => e.state === 'processing').map((e) => e.progress);
    assert.ok(
      percents.some((p) => p > 1 && p < 100),
      `progress percents seen: ${percents}`,
    );
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
      'progress never goes back',
    );

    assert.ok(
      Math.abs(ready.durationS - sourceDuration) <= 0.1,
      `asset ${ready.durationS} s vs source ${sourceDuration} s`,
    );
    assert.deepEqual(
      ready.renditions.map((r: any) => `${r.name} ${r.width}x${r.height}`),
      ['1080p 1920x1080', '720p 1280x720', '480p 854x480', '360p 640x360'],
    );
    assert.ok(ready.posterUrl);
    assert.equal((await fetch(ready.posterUrl)).headers.get('content-type'), 'image/jpeg');
  });

  it('writes a master playlist listing 1080p, 720p, 480p and 360p with correct RESOLUTION, BANDWIDTH and CODECS', async () => {
    const master = await (await fetch(ready.masterUrl)).text();
    const variants = streamInfs(master);
    assert.deepEqual(
      variants.map((v) => v.RESOLUTION),
      ['1920x1080', '1280x720', '854x480', '640x360'],
    );
    assert.deepEqual(
      variants.map((v) => v.CODECS),
      ['avc1.640028,mp4a.40.2', 'avc1.64001f,mp4a.40.2', 'avc1.4d401f,mp4a.40.2', 'avc1.4d401f,mp4a.40.2'],
    );
    for (const v of variants) {
      // BANDWIDTH is the peak segment rate actually produced: recompute it from the objects in the bucket
      const playlistUrl = new URL(v.uri, ready.masterUrl).toString();
      const segments = parseMediaPlaylist(await (await fetch(playlistUrl)).text());
      let peak = 0;
      let bytes = 0;
      for (const s of segments) {
        const size = (await (await fetch(new URL(s.uri, playlistUrl))).arrayBuffer()).byteLength;
        peak = Math.max(peak, (size * 8) / Math.max(s.durationS, 1));
        bytes += size;
      }
      assert.equal(Number(v.BANDWIDTH), Math.ceil(peak), `${v.RESOLUTION} BANDWIDTH`);
      const avg = (bytes * 8) / segments.reduce((s, x) => s + x.durationS, 0);
      assert.equal(Number(v['AVERAGE-BANDWIDTH']), Math.ceil(avg), `${v.RESOLUTION} AVERAGE-BANDWIDTH`);
      assert.ok(Number(v.BANDWIDTH) >= Number(v['AVERAGE-BANDWIDTH']));
    }
    // the 1080p rung is the biggest, the 360p the smallest
    assert.ok(Number(variants[0].BANDWIDTH) > Number(variants[3].BANDWIDTH));
  });

  it('lets ffmpeg, as an independent client, decode every rendition in full from object storage with the key from the key server', async () => {
    const api = stack.cp.api(stack.customer.organizer.token);
    const playback = await api.post(`/api/media/assets/${assetId}/playback`);
    assert.equal(playback.status, 201);
    const keyRes = await fetch(playback.body.keyUrl, { headers: { authorization: `Bearer ${playback.body.token}` } });
    assert.equal(keyRes.status, 200);
    const key = Buffer.from(await keyRes.arrayBuffer());
    assert.equal(key.length, 16);
    const keyPath = join(stack.dir, 'fetched.key');
    await writeFile(keyPath, key);

    const master = await (await fetch(ready.masterUrl)).text();
    for (const v of streamInfs(master)) {
      const playlistUrl = new URL(v.uri, ready.masterUrl).toString();
      const text = await (await fetch(playlistUrl)).text();
      assert.match(
        text,
        new RegExp(`#EXT-X-KEY:METHOD=AES-128,URI="${playback.body.keyUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`),
      );
      // ffmpeg opens the rendition at its object-storage URL and fetches the key from the key server itself,
      // carrying a fresh playback token as a cookie (sent only to /api/keys)
      const token = (await api.post(`/api/media/assets/${assetId}/playback`)).body.token;
      const hlsInput = ['-cookies', `playback_token=${token}; path=/api/keys;`];
      const decoded = await ffmpeg(['-v', 'error', ...hlsInput, '-i', playlistUrl, '-map', '0', '-f', 'null', '-']);
      assert.equal(decoded.stderr.trim(), '', `${v.RESOLUTION} decode errors: ${decoded.stderr.slice(0, 500)}`);
      const duration = await probeDuration(playlistUrl, hlsInput);
      assert.ok(
        Math.abs(duration - sourceDuration) <= 0.1,
        `${v.RESOLUTION}: ${duration} s vs source ${sourceDuration} s`,
      );
      const frames = await ffmpeg([
        '-v',
        'error',
        ...hlsInput,
        '-i',
        playlistUrl,
        '-map',
        '0:v:0',
        '-f',
        'framemd5',
        '-',
      ]);
      const count = frames.stdout.split('\n').filter((l) => /^0,/.test(l)).length;
      assert.equal(count, Math.round(sourceDuration * 30), `${v.RESOLUTION} decoded frames`);
      // and with the key we fetched ourselves, the same segments decode to the same pictures
      const local = text
        .replace(/URI="[^"]*"/, `URI="${keyPath}"`)
        .split('\n')
        .map((l) => (l && !l.startsWith('#') ? new URL(l, playlistUrl).toString() : l))
        .join('\n');
      const localPath = join(stack.dir, `${v.RESOLUTION}.m3u8`);
      await writeFile(localPath, local);
      const again = await ffmpeg([
        '-v',
        'error',
        '-allowed_extensions',
        'ALL',
        '-protocol_whitelist',
        'file,http,tcp,crypto',
        '-i',
        localPath,
        '-map',
        '0:v:0',
        '-f',
        'framemd5',
        '-',
      ]);
      assert.equal(
        again.stdout
          .split('\n')
          .filter((l) => /^0,/.test(l))
          .join('\n'),
        frames.stdout
          .split('\n')
          .filter((l) => /^0,/.test(l))
          .join('\n'),
      );
    }
  });

  it('keeps the key out of the bucket: segments in the bucket do not decode without it', async () => {
    const objects = await stack.storage.list(`vod/${assetId}/`);
    const api = stack.cp.api(stack.customer.organizer.token);
    const key = Buffer.from(
      await (
        await fetch(`${stack.cp.url}/api/keys/${assetId}`, {
          headers: { authorization: `Bearer ${stack.customer.organizer.token}` },
        })
      ).arrayBuffer(),
    );
    assert.equal(key.length, 16);
    assert.ok(!objects.some((o) => o.key.endsWith('.key') || o.size === 16), 'no key-sized object in the bucket');
    const segmentKey = objects.find((o) => o.key.endsWith('360p/seg_00000.ts'))!.key;
    const segPath = join(stack.dir, 'raw-seg.ts');
    await stack.storage.download(segmentKey, segPath);
    await assert.rejects(
      ffmpeg(['-v', 'error', '-i', segPath, '-f', 'null', '-']),
      'an encrypted segment alone is not media',
    );
    // and the playlist with a wrong key yields no clean decode
    const playlistUrl = stack.storage.publicUrl(segmentKey.replace('seg_00000.ts', 'index.m3u8'));
    const wrongKey = join(stack.dir, 'wrong.key');
    await writeFile(wrongKey, Buffer.alloc(16, 7));
    const text = (await (await fetch(playlistUrl)).text())
      .replace(/URI="[^"]*"/, `URI="${wrongKey}"`)
      .split('\n')
      .map((l) => (l && !l.startsWith('#') ? new URL(l, playlistUrl).toString() : l))
      .join('\n');
    const localPath = join(stack.dir, 'wrong.m3u8');
    await writeFile(localPath, text);
    const r = await ffmpeg([
      '-v',
      'error',
      '-allowed_extensions',
      'ALL',
      '-protocol_whitelist',
      'file,http,tcp,crypto',
      '-i',
      localPath,
      '-f',
      'null',
      '-',
    ]).then(
      (x) => x.stderr,
      (e) => `failed: ${e.stderr ?? e.message}`,
    );
    assert.notEqual(r.trim(), '', 'decoding with a wrong key must fail or report errors');
    void api;
  });

  it('key server: 401 without a token or with a bad one, 403 with a token for another asset or another organizer, 200 for the owner', async () => {
    const url = `${stack.cp.url}/api/keys/${assetId}`;
    const secret = stack.cp.config.PLAYBACK_TOKEN_SECRET;
    const status = async (headers: Record<string, string> = {}, query = '') =>
      (await fetch(url + query, { headers })).status;
    assert.equal(await status(), 401);
    assert.equal(await status({ authorization: 'Bearer not-a-token' }), 401);
    const other = await stack.cp.api(stack.customer.organizer.token).post('/api/media/assets', { title: 'other' });
    const forOther = signPlaybackToken({ viewer: 'v1', scope: { kind: 'asset', id: other.body.id } }, secret);
    assert.equal(await status({ authorization: `Bearer ${forOther}` }), 403);
    const forEvent = signPlaybackToken(
      { viewer: 'v1', scope: { kind: 'event', id: '00000000-0000-4000-8000-000000000000' } },
      secret,
    );
    assert.equal(await status({ authorization: `Bearer ${forEvent}` }), 403);
    const expired = signPlaybackToken(
      { viewer: 'v1', scope: { kind: 'asset', id: assetId } },
      secret,
      60,
      Date.now() - 120_000,
    );
    assert.equal(await status({ authorization: `Bearer ${expired}` }), 401);
    const valid = signPlaybackToken({ viewer: 'v1', scope: { kind: 'asset', id: assetId } }, secret);
    assert.equal(await status({ authorization: `Bearer ${valid}` }), 200);
    assert.equal(await status({}, `?token=${encodeURIComponent(valid)}`), 200);
    assert.equal(await status({ cookie: `theme=dark; playback_token=${valid}` }), 200);
    assert.equal(await status({ cookie: `playback_token=${forOther}` }), 403);
    assert.equal(await status({ authorization: `Bearer ${stack.customer.organizer.token}` }), 200);
    // another organizer of another account, signed in
    const stranger = await stack.cp.seed();
    assert.equal(await status({ authorization: `Bearer ${stranger.organizer.token}` }), 403);
    assert.equal((await stack.cp.api(stranger.organizer.token).get(`/api/media/assets/${assetId}`)).status, 404);
  });

  it('deletes the asset with every object it has in storage', async () => {
    assert.ok((await stack.storage.list(`vod/${assetId}/`)).length > 10);
    assert.ok(await stack.storage.exists(`sources/${assetId}`));
    const del = await stack.cp.api(stack.customer.organizer.token).delete(`/api/media/assets/${assetId}`);
    assert.equal(del.status, 204);
    assert.deepEqual(await stack.storage.list(`vod/${assetId}/`), []);
    assert.equal(await stack.storage.exists(`sources/${assetId}`), false);
    assert.equal((await stack.cp.api(stack.customer.organizer.token).get(`/api/media/assets/${assetId}`)).status, 404);
  });
});
