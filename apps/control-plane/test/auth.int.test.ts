import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { hashPassword, verifyPassword } from '../src/auth/password-hasher';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';

describe('password storage', () => {
  it('stores a salted scrypt hash and checks it', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    assert.match(a, /^scrypt\$16384\$8\$1\$/);
    assert.notEqual(a, b, 'a random salt per hash');
    assert.equal(await verifyPassword('correct horse battery staple', a), true);
    assert.equal(await verifyPassword('correct horse battery stapler', a), false);
    assert.equal(await verifyPassword('x', 'not-a-hash'), false);
  });
});

describe('sign-in and roles', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  before(async () => {
    h = await startControlPlane({ LOGIN_RATE_LIMIT: 5, LOGIN_RATE_WINDOW: 60_000 });
    s = await h.seed();
  });
  after(async () => {
    await h.close();
  });

  it('signs in with email + password and returns a JWT naming the user', async () => {
    const r = await h
      .api()
      .post('/api/auth/login', { email: s.organizer.email.toUpperCase(), password: s.organizer.password });
    assert.equal(r.status, 200);
    assert.equal(r.body.tokenType, 'Bearer');
    assert.equal((jwt.decode(r.body.accessToken) as jwt.JwtPayload).sub, s.organizer.id);
    const me = await h.api(r.body.accessToken).get('/api/auth/me');
    assert.deepEqual(
      { role: me.body.role, orderId: me.body.orderId, accountId: me.body.accountId },
      { role: 'organizer', orderId: s.orderId, accountId: s.accountId },
    );
    const stored = await h.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
      s.organizer.id,
    ]);
    assert.match(stored[0].password_hash, /^scrypt\$/);
    assert.ok(!stored[0].password_hash.includes(s.organizer.password));
  });

  it('refuses a wrong password or unknown email with the same 401', async () => {
    const wrong = await h.api().post('/api/auth/login', { email: s.admin.email, password: 'nope' });
    const unknown = await h.api().post('/api/auth/login', { email: 'nobody.here@example.com', password: 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.message, unknown.body.message);
  });

  it('rate-limits sign-in attempts per address and email with 429 and a clear message', async () => {
    const email = 'target.person@example.com';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await h.api().post('/api/auth/login', { email, password: `guess-${i}` })).status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    const r = await h.api().post('/api/auth/login', { email, password: 'again' });
    assert.match(r.body.message, /too many login attempts.*try again in \d+ s/);
    assert.equal(
      (await h.api().post('/api/auth/login', { email: s.admin.email, password: s.admin.password })).status,
      200,
      'another email is not affected',
    );
  });

  it('refuses tampered, foreign and expired tokens', async () => {
    const [head, body] = s.admin.token.split('.');
    const forged = jwt.sign({ typ: 'access', tv: 0 }, 'another-secret-another-secret-0123456789', {
      subject: s.admin.id,
      expiresIn: 60,
    });
    const expired = jwt.sign(
      { typ: 'access', aud: 'webcast:api', tv: 0, exp: Math.floor(Date.now() / 1000) - 10 },
      h.config.JWT_SECRET,
      { subject: s.admin.id },
    );
    for (const token of [`${head}.${body}.AAAA`, forged, expired, 'garbage']) {
      assert.equal((await h.api(token).get('/api/orders')).status, 401);
    }
  });

  it('checks the role on every endpoint', async () => {
    const organizer = h.api(s.organizer.token);
    assert.equal((await organizer.get('/api/orders')).status, 403);
    assert.equal((await organizer.get('/api/organizers')).status, 403);
    assert.equal((await organizer.get('/api/account')).status, 403);
    assert.equal((await h.api(s.admin.token).post('/api/events', {})).status, 403);
    assert.equal((await h.api().get('/api/events')).status, 401);
    const internal = await h.api(s.admin.token).post('/api/internal/accounts', {});
    assert.equal(internal.status, 401, 'internal endpoints take only the internal token');
  });
});
