import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawnTetheredFfmpeg } from '#media';
import { processAlive } from '#test-support';

// A live worker killed with SIGKILL cannot stop its ffmpeg; the leash must, or an orphan keeps pulling the stream.

describe('tethered ffmpeg', () => {
  it('dies with its worker (kill -9 of the parent)', async () => {
    const modulePath = join(__dirname, '../src/tethered-ffmpeg.js');
    const script = `
      const { spawnTetheredFfmpeg } = require(${JSON.stringify(modulePath)});
      const f = spawnTetheredFfmpeg(['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-f', 'null', '-']);
      setTimeout(() => { require('node:child_process').exec('pgrep -P ' + f.child.pid + ' -x ffmpeg', (e, out) => process.stdout.write(out.trim() + '\\n')); }, 500);
      setInterval(() => undefined, 1000);`;
    const worker = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ffmpegPid = await new Promise<number>((resolve) =>
      worker.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
    );
    assert.ok(ffmpegPid > 0 && processAlive(ffmpegPid), 'ffmpeg runs');
    worker.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (processAlive(ffmpegPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(processAlive(ffmpegPid), false, 'ffmpeg ended with its worker');
  });

  it('stop() makes ffmpeg finish even while it waits on a silent input', async () => {
    // a TCP listener that accepts and never sends: ffmpeg blocks in its read
    const server = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const f = spawnTetheredFfmpeg([
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'mpegts',
      '-i',
      `tcp://127.0.0.1:${port}`,
      '-f',
      'null',
      '-',
    ]);
    await new Promise((r) => setTimeout(r, 700));
    f.stop();
    const r = await Promise.race([f.exited, new Promise((res) => setTimeout(() => res('timeout'), 5000))]);
    server.close();
    assert.notEqual(r, 'timeout', 'ffmpeg exited after stop()');
  });
});
