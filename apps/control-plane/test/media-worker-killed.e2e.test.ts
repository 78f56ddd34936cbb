import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseMediaPlaylist } from '#media';
import { eventually } from '#test-support';
import { MediaStack, generateSource, startMediaStack } from './media-stack';

// A transcoder killed with SIGKILL mid-job: its lock expires, BullMQ's stalled-job check hands the job to another
// worker, which completes it under its own attempt prefix; nothing the killed attempt wrote is referenced.
describe('a transcoder killed mid-job', { timeout: 240_000 }, () => {
  let stack: MediaStack;

  before(async () => {
    stack = await startMediaStack({ transcoders: 1 });
  });
  after(async () => stack?.close());

  it('leaves the job to a second worker, which completes it; no object of the killed attempt is referenced', async () => {
    const source = join(stack.dir, 'source-480p.mp4');
    await generateSource(source, { width: 854, height: 480, seconds: 8 });
    const [first] = stack.transcoders;
    const id = await stack.upload(source);

    // wait until the first worker is inside the job and has written its first object (the poster)
    const killedPrefix = await eventually(
      async () => {
        const objects = await stack.storage.list(`vod/${id}/`);
        return objects.find((o) => o.key.endsWith('poster.jpg'))?.key.replace(/poster\.jpg$/, '') ?? false;
      },
      { timeout: 60_000, message: 'the first worker starting the job (its poster in storage)' },
    );
    const before = await stack.cp.api(stack.customer.organizer.token).get(`/api/media/assets/${id}`);
    assert.notEqual(before.body.state, 'ready', 'killed mid-job, not after');
    first.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');

    await stack.startTranscoder();
    const ready = await stack.waitForState(id, ['ready', 'failed'], 120_000);
    assert.equal(ready.state, 'ready', ready.failureReason);

    // the asset points at the second attempt, and every object it references lives there
    const masterKey = new URL(ready.masterUrl).pathname.replace(/^\/media-test\//, '');
    const finalPrefix = masterKey.replace(/master\.m3u8$/, '');
    assert.notEqual(finalPrefix, killedPrefix);
    const referenced = [masterKey, new URL(ready.posterUrl).pathname.replace(/^\/media-test\//, '')];
    const master = (await stack.storage.get(masterKey)).toString();
    for (const uri of master.split('\n').filter((l) => l && !l.startsWith('#'))) {
      const playlistKey = finalPrefix + uri;
      referenced.push(playlistKey);
      const dir = playlistKey.slice(0, playlistKey.lastIndexOf('/') + 1);
      for (const s of parseMediaPlaylist((await stack.storage.get(playlistKey)).toString())) {
        referenced.push(dir + s.uri);
      }
    }
    for (const key of referenced) {
      assert.ok(key.startsWith(finalPrefix), `${key} is outside the completing attempt`);
      assert.ok(await stack.storage.exists(key), `${key} exists`);
    }
    // and the killed attempt's objects were swept
    assert.deepEqual(await stack.storage.list(killedPrefix), []);
    assert.ok((await stack.storage.list(`vod/${id}/`)).every((o) => o.key.startsWith(finalPrefix)));
  });

  it('lets a running job finish when its worker gets SIGTERM', async () => {
    const source = join(stack.dir, 'source-360p.mp4');
    await generateSource(source, { width: 640, height: 360, seconds: 6 });
    const worker = stack.transcoders.at(-1)!;
    const id = await stack.upload(source);
    await stack.waitForState(id, ['processing'], 30_000);
    worker.kill('SIGTERM');
    const exit = await worker.exited;
    assert.equal(exit.code, 0, worker.stderr);
    const stopping = worker.stdout.indexOf('transcoder stopping');
    assert.ok(
      stopping >= 0 && worker.stdout.indexOf('vod job done', stopping) > stopping,
      'the job finished after SIGTERM',
    );
    // no other worker runs: the job could only have finished in the one that was told to stop
    const ready = await stack.waitForState(id, ['ready', 'failed'], 10_000);
    assert.equal(ready.state, 'ready', ready.failureReason);
  });
});
