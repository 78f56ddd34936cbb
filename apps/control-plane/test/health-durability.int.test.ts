import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { eventually, freePort } from '#test-support';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

// A production install on a Redis that keeps nothing on disk and evicts keys: /health stays 200 (the platform heals
// what a loss takes) but says so, so the operator fixes it before a restart costs anything.

describe('/health on a Redis that loses work', () => {
  let redis: ChildProcess;
  let url: string;
  const planes: ControlPlaneHarness[] = [];
  before(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'allkeys-lru',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    probe.on('error', () => undefined);
    await eventually(async () => assert.equal(await probe.ping(), 'PONG'), { timeout: 10_000 });
    probe.disconnect();
  });
  after(async () => {
    for (const p of planes) await p.close();
    redis?.kill('SIGKILL');
  });

  it('warns in production, and stays quiet in development', async () => {
    const prod = await startControlPlane({ REDIS_URL: url, NODE_ENV: 'production' });
    planes.push(prod);
    const r = await fetch(`${prod.url}/health`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as { status: string; warnings?: string[] };
    assert.equal(body.status, 'ok');
    assert.equal(body.warnings?.length, 2, JSON.stringify(body));
    assert.match(body.warnings[0], /keeps nothing on disk/);

    const dev = await startControlPlane({ REDIS_URL: url });
    planes.push(dev);
    const quiet = (await (await fetch(`${dev.url}/health`)).json()) as { warnings?: string[] };
    assert.equal(quiet.warnings, undefined);
  });
});
