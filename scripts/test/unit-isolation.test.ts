import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { IsolatedEnvironment, SERVICE_PROGRAMS, isolatedEnvironment } from '../unit-isolation';

// The environment scripts/run-tests.js gives unit tests: if it let a service through, a unit test could lean on
// it unnoticed. Checked from the outside, the way a test inside it would look for the service.

function refused(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = connect({ host: u.hostname, port: Number(u.port) });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}

describe('the unit-test environment', () => {
  let isolated: IsolatedEnvironment;
  before(async () => {
    isolated = await isolatedEnvironment(process.env);
  });
  after(() => isolated.dispose());

  it('points Redis and PostgreSQL at ports where nothing answers', async () => {
    assert.equal(await refused(isolated.env.REDIS_URL!), true, isolated.env.REDIS_URL);
    assert.equal(await refused(isolated.env.DATABASE_URL!), true, isolated.env.DATABASE_URL);
    assert.equal(isolated.env.TEST_DATABASE_URL, isolated.env.DATABASE_URL);
  });

  it('finds no ffmpeg, redis-server, psql or chromium on PATH, but a shell still works', () => {
    for (const program of SERVICE_PROGRAMS) {
      const r = spawnSync(program, ['-version'], { env: isolated.env });
      const error: NodeJS.ErrnoException | undefined = r.error;
      assert.equal(error?.code, 'ENOENT', `${program} is reachable`);
    }
    const lookup = spawnSync('sh', ['-c', 'command -v ffmpeg || echo none'], { env: isolated.env, encoding: 'utf8' });
    assert.equal(lookup.stdout.trim(), 'none');
  });
});
