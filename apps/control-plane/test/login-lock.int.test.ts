import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '#test-support';
import {
  ControlPlaneHarness,
  SeededCustomer,
  startControlPlane,
  startPeerControlPlane,
} from '#test-support/control-plane-harness';

// One person's password guessed from many addresses (a botnet): the per-address limits never trip, so the account
// itself is locked, with 429 and Retry-After; the person still signs in from the address they used before, and
// from anywhere once the lock is over. Two control planes on one Redis count the same attempts.

// long enough for 20 scrypt logins on a loaded machine to fall inside one window
const WINDOW_MS = 20_000;

describe('an account guessed from many addresses', { timeout: 90_000 }, () => {
  let a: ControlPlaneHarness;
  let b: ControlPlaneHarness;
  let s: SeededCustomer;
  before(async () => {
    a = await startControlPlane({ TRUST_PROXY: 'loopback', LOGIN_ACCOUNT_WINDOW: WINDOW_MS });
    // a second instance on the same database schema and Redis prefix: a load balancer's other half
    b = await startPeerControlPlane(a, {
      TRUST_PROXY: 'loopback',
      LOGIN_ACCOUNT_WINDOW: WINDOW_MS,
    });
    s = await a.seed();
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  const login = (cp: ControlPlaneHarness, from: string, password: string) =>
    cp
      .api()
      .request('POST', '/api/auth/login', { email: s.admin.email, password }, { headers: { 'x-forwarded-for': from } });

  it('locks after 10 wrong passwords from 20 addresses, spares the known address, and ends', async () => {
    const office = '198.51.100.7';
    assert.equal((await login(a, office, s.admin.password)).status, 200, 'the person signs in from their office');

    const statuses: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const r = await login(i % 2 ? a : b, `203.0.113.${i}`, `guess-${i}`);
      statuses.push(r.status);
      if (r.status === 429) assert.match(r.headers.get('retry-after') ?? '', /^\d+$/);
    }
    assert.deepEqual(statuses, [...Array<number>(10).fill(401), ...Array<number>(10).fill(429)]);

    const stranger = await login(b, '203.0.113.99', s.admin.password);
    assert.equal(stranger.status, 429, 'even the right password from a new address waits while locked');
    assert.match(stranger.body.message, /locked after too many wrong passwords; try again in \d+ s/);
    assert.equal((await login(a, office, s.admin.password)).status, 200, 'the known address is not locked out');

    await eventually(async () => assert.equal((await login(b, '203.0.113.99', s.admin.password)).status, 200), {
      timeout: WINDOW_MS + 10_000,
      interval: 500,
      message: 'the right password from another address works once the lock is over',
    });
  });

  it('limits one address trying many accounts', async () => {
    const c = await startControlPlane({ TRUST_PROXY: 'loopback', LOGIN_ADDRESS_LIMIT: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await c
          .api()
          .request(
            'POST',
            '/api/auth/login',
            { email: `someone-${i}@example.com`, password: 'guess' },
            { headers: { 'x-forwarded-for': '192.0.2.44' } },
          );
        statuses.push(r.status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await c.close();
    }
  });
});
