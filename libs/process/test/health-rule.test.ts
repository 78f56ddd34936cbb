import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PingableRedis, healthReport, healthStatusCode, redisCheck, runHealthChecks } from '#process';

describe('the health rule', () => {
  it('is ok and 200 when every named check is up', () => {
    const report = healthReport({ database: true, redis: true });
    assert.deepEqual(report, { status: 'ok', checks: { database: 'up', redis: 'up' } });
    assert.equal(healthStatusCode(report), 200);
  });

  it('is unavailable and 503 naming the check that is down when any one is', () => {
    const report = healthReport({ redis: false, worker: true });
    assert.deepEqual(report, { status: 'unavailable', checks: { redis: 'down', worker: 'up' } });
    assert.equal(healthStatusCode(report), 503);
  });

  it('counts a check that throws, rejects, hangs or answers anything but true as down', async () => {
    // the check timer does not hold a process open by itself; a server's listener would
    const alive = setInterval(() => undefined, 1000);
    const report = await runHealthChecks(
      {
        throws: () => {
          throw new Error('no connection');
        },
        rejects: () => Promise.reject(new Error('refused')),
        hangs: () => new Promise<boolean>(() => undefined),
        truthy: () => 'PONG' as unknown as boolean,
        up: async () => true,
      },
      50,
    ).finally(() => clearInterval(alive));
    assert.deepEqual(report, {
      status: 'unavailable',
      checks: { throws: 'down', rejects: 'down', hangs: 'down', truthy: 'down', up: 'up' },
    });
  });
});

describe('the redis check', () => {
  const client = (status: string, pong: () => Promise<string>): PingableRedis => ({ status, ping: pong });

  it('is up when a connected client gets PONG', async () => {
    assert.equal(await redisCheck(client('ready', async () => 'PONG'))(), true);
  });

  it('is down at once, without a ping ioredis would queue, while the client is not connected', async () => {
    const check = redisCheck(
      client('reconnecting', () => {
        throw new Error('ping must not be sent');
      }),
    );
    assert.equal(await check(), false);
  });
});
