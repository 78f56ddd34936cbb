import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ControlPlaneHarness,
  SeededCustomer,
  SeededLogin,
  startControlPlane,
} from '#test-support/control-plane-harness';
import { HOUR_MS, eventBody } from './support/schedule';

describe('the platform operator role', () => {
  let h: ControlPlaneHarness;
  let c: SeededCustomer;
  let operator: SeededLogin & { id: string };
  let eventId: string;
  before(async () => {
    h = await startControlPlane();
    c = await h.seed();
    operator = await h.seedOperator();
    eventId = (await h.api(c.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body.id;
  });
  after(async () => {
    await h.close();
  });

  it('signs in as a user of no account', async () => {
    const login = await h.api().post('/api/auth/login', { email: operator.email, password: operator.password });
    assert.equal(login.status, 200);
    assert.deepEqual(
      { role: login.body.user.role, accountId: login.body.user.accountId, orderId: login.body.user.orderId },
      { role: 'operator', accountId: null, orderId: null },
    );
    const me = await h.api(operator.token).get('/api/auth/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, {
      id: operator.id,
      email: operator.email,
      name: 'Margaret Hamilton',
      role: 'operator',
      accountId: null,
      accountName: null,
      orderId: null,
    });
  });

  it('tells account users the name of their account in GET /api/auth/me', async () => {
    const account = (await h.api(c.admin.token).get('/api/account')).body;
    const admin = await h.api(c.admin.token).get('/api/auth/me');
    assert.deepEqual(admin.body, {
      id: c.admin.id,
      email: c.admin.email,
      name: 'Grace Hopper',
      role: 'admin',
      accountId: c.accountId,
      accountName: account.name,
      orderId: null,
    });
    const organizer = await h.api(c.organizer.token).get('/api/auth/me');
    assert.deepEqual(
      [organizer.body.role, organizer.body.accountName, organizer.body.orderId],
      ['organizer', account.name, c.orderId],
    );
  });

  it("is refused (403) every endpoint inside a customer account's data", async () => {
    const op = h.api(operator.token);
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/account'],
      ['GET', '/api/account/usage'],
      ['GET', '/api/orders'],
      ['GET', `/api/orders/${c.orderId}`],
      ['GET', '/api/organizers'],
      ['GET', `/api/organizers/${c.organizer.id}`],
      ['POST', `/api/organizers/${c.organizer.id}/deactivate`],
      ['POST', `/api/organizers/${c.organizer.id}/reactivate`],
      ['GET', '/api/events'],
      ['POST', '/api/events', eventBody(5 * HOUR_MS, HOUR_MS)],
      ['GET', `/api/events/${eventId}`],
      ['POST', `/api/events/${eventId}/cancel`],
      ['GET', `/api/events/${eventId}/registrations`],
      ['GET', `/api/events/${eventId}/registrations.csv`],
      ['GET', `/api/events/${eventId}/attendance`],
      ['GET', `/api/events/${eventId}/attendance/series`],
      ['GET', `/api/events/${eventId}/capacity`],
      ['GET', `/api/events/${eventId}/live`],
      ['GET', '/api/media/assets'],
    ];
    for (const [method, path, body] of calls) {
      const r = await op.request(method, path, body);
      assert.equal(r.status, 403, `${method} ${path}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.message, /operator/, path);
    }
    const still = await h.api(c.organizer.token).get(`/api/events/${eventId}`);
    assert.equal(still.body.state, 'scheduled', 'nothing changed');
    assert.equal((await h.api(c.admin.token).get(`/api/organizers/${c.organizer.id}`)).body.active, true);
  });

  it('keeps account users (403) and strangers (401) out of the operator endpoints', async () => {
    for (const token of [c.admin.token, c.organizer.token]) {
      const list = await h.api(token).get('/api/operator/accounts');
      assert.equal(list.status, 403);
      assert.equal(list.body.field, 'role');
      assert.equal((await h.api(token).post('/api/operator/accounts', {})).status, 403);
    }
    assert.equal((await h.api().get('/api/operator/accounts')).status, 401);
    assert.equal((await h.api('not-a-token').get('/api/operator/accounts')).status, 401);
    assert.equal((await h.api(operator.token).get('/api/operator/accounts')).status, 200);
  });

  it('is a user outside every account by the schema itself', async () => {
    await assert.rejects(
      h.db.query(
        `INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES (gen_random_uuid(), $1, 'x.y@example.com', 'X', 'operator', 'h')`,
        [c.accountId],
      ),
      /users_operator_outside_accounts/,
    );
    await assert.rejects(
      h.db.query(
        `INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES (gen_random_uuid(), NULL, 'z.w@example.com', 'Z', 'admin', 'h')`,
      ),
      /users_operator_outside_accounts/,
    );
  });
});
