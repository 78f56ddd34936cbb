import { spawn, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawnTetheredFfmpeg } from '#media';
import { eventually, processAlive } from '#test-support';

// A live worker killed with SIGKILL cannot stop its ffmpeg; the leash must, or an orphan keeps pulling the stream.

describe('tethered ffmpeg', () => {
  it('dies with its worker (kill -9 of the parent)', async () => {
    const modulePath = join(__dirname, '../src/tethered-ffmpeg.js');
    const script = `
      const { spawnTetheredFfmpeg } = require(${JSON.stringify(modulePath)});
      const f = spawnTetheredFfmpeg(['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-f', 'null', '-']);
      process.stdout.write(f.child.pid + '\\n');
      setInterval(() => undefined, 1000);`;
    const worker = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const leashPid = await new Promise<number>((resolve) =>
      worker.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
    );
    // the leash (a shell) starts ffmpeg as its child
    const ffmpegPid = await eventually(
      () => {
        const pid = Number(spawnSync('pgrep', ['-P', String(leashPid), '-x', 'ffmpeg'], { encoding: 'utf8' }).stdout);
        return pid > 0 && processAlive(pid) ? pid : false;
      },
      { timeout: 5000, message: 'ffmpeg running under the leash' },
    );
    worker.kill('SIGKILL');
    await eventually(() => !processAlive(ffmpegPid), { timeout: 5000, message: 'ffmpeg ending with its worker' });
  });

  it('stop() makes ffmpeg finish even while it waits on a silent input', async () => {
    // a TCP listener that accepts and never sends: ffmpeg blocks in its read
    let connected = false;
    const server = createServer(() => (connected = true)).listen(0, '127.0.0.1');
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
    let exited = false;
    f.child.once('exit', () => (exited = true));
    // once ffmpeg has connected it sits in a read that nothing will answer
    await eventually(() => connected, { timeout: 5000, message: 'ffmpeg connecting to the silent input' });
    f.stop();
    try {
      await eventually(() => exited, { timeout: 5000, message: 'ffmpeg exiting after stop()' });
    } finally {
      server.close();
    }
  });
});
