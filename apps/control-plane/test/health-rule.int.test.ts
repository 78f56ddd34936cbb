import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TestDatabase, createTestDatabase, freePort, testSecrets, uniqueRedisPrefix } from '#test-support';
import { WatchedProcess } from './support/child-process';
import { PrivateRedis } from './support/private-redis';

// One process of each kind, built as `npm start` runs them, on a Redis of this test's own that the test then stops:
// every /health answers by the same rule (200 when every check passes, 503 naming the failing ones) in the same body.
const ROOT = resolve(__dirname, '../../../..');
const main = (path: string) => join(ROOT, 'dist', path);

interface Health {
  status: number;
  body: { status: string; checks: Record<string, string> };
}

async function health(url: string): Promise<Health | undefined> {
  try {
    const r = await fetch(url);
    return { status: r.status, body: (await r.json()) as Health['body'] };
  } catch {
    return undefined; // not listening yet
  }
}

/** The process's /health once it answers `status`; fails with the process's output when it exits or takes too long. */
async function healthOnce(p: WatchedProcess, url: string, status: number, timeoutMs = 60_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  let last: Health | undefined;
  while (Date.now() < deadline) {
    last = await health(url);
    if (last?.status === status) return last;
    if (p.child.exitCode !== null || p.child.signalCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${url} did not answer ${status} (last: ${JSON.stringify(last)}):\n${p.stdout.slice(-1500)}\n${p.stderr.slice(-1500)}`,
  );
}

describe('every process answers /health by one rule', () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'health-rule-'));
  const processes: WatchedProcess[] = [];
  before(async () => {
    redis = await PrivateRedis.start();
    db = await createTestDatabase('health');
  });
  after(async () => {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await redis.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 200 with every check up while Redis answers, then 503 naming redis once it is gone', async () => {
    const common = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      REDIS_URL: redis.url,
      REDIS_PREFIX: uniqueRedisPrefix('health'),
      LOG_LEVEL: 'warn',
      ...testSecrets(),
    };
    const start = (script: string, env: Record<string, string>) => {
      const p = WatchedProcess.start(process.execPath, [main(script)], { ...common, ...env });
      processes.push(p);
      return p;
    };
    const cpPort = await freePort();
    const controlPlane = start('apps/control-plane/src/main.js', {
      PORT: String(cpPort),
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: db.schema,
    });
    const cpHealth = `http://127.0.0.1:${cpPort}/health`;
    // ingest loads its stream keys from the control plane: start the others once it answers
    await healthOnce(controlPlane, cpHealth, 200);
    const [admissionPort, ingestPort, rtmpPort, vodPort, livePort] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => freePort()),
    );
    const kinds: Array<{ kind: string; p: WatchedProcess; url: string; checks: Record<string, string> }> = [
      { kind: 'control plane', p: controlPlane, url: cpHealth, checks: { database: 'up', redis: 'down' } },
      {
        kind: 'admission node',
        p: start('apps/admission/src/main.js', { PORT: String(admissionPort), NODE_ID: 'health-1' }),
        url: `http://127.0.0.1:${admissionPort}/health`,
        checks: { redis: 'down' },
      },
      {
        kind: 'ingest',
        p: start('apps/ingest/src/main.js', {
          INGEST_HTTP_PORT: String(ingestPort),
          RTMP_PORT: String(rtmpPort),
          CONTROL_PLANE_URL: `http://127.0.0.1:${cpPort}`,
          INGEST_DATA_DIR: join(dir, 'ingest'),
        }),
        url: `http://127.0.0.1:${ingestPort}/health`,
        checks: { redis: 'down', keyCache: 'up' },
      },
      {
        kind: 'vod transcoder',
        p: start('transcoder/src/main.js', { VOD_METRICS_PORT: String(vodPort), VOD_WORK_DIR: dir }),
        url: `http://127.0.0.1:${vodPort}/health`,
        checks: { redis: 'down', worker: 'up' },
      },
      {
        kind: 'live transcoder',
        p: start('transcoder/src/live/main.js', { LIVE_METRICS_PORT: String(livePort), LIVE_WORK_DIR: dir }),
        url: `http://127.0.0.1:${livePort}/health`,
        checks: { redis: 'down', worker: 'up' },
      },
    ];

    for (const k of kinds) {
      const up = await healthOnce(k.p, k.url, 200);
      const allUp = Object.fromEntries(Object.keys(k.checks).map((name) => [name, 'up']));
      assert.deepEqual(up.body, { status: 'ok', checks: allUp }, k.kind);
    }

    await redis.stop();
    for (const k of kinds) {
      const down = await healthOnce(k.p, k.url, 503, 20_000);
      assert.deepEqual(down.body, { status: 'unavailable', checks: k.checks }, k.kind);
    }
  });
});
