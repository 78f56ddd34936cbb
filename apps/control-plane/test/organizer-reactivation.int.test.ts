import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

const PASSWORD = 'a-long-enough-password';

describe('reactivating an organizer', () => {
  let h: ControlPlaneHarness;
  before(async () => {
    h = await startControlPlane();
  });
  after(async () => {
    await h.close();
  });
  const login = (email: string, password: string) => h.api().post('/api/auth/login', { email, password });

  it('puts a deactivated organizer back on a free seat of their order: they sign in again, old tokens stay revoked', async () => {
    const s = await h.seed({ seats: 2 });
    const admin = h.api(s.admin.token);
    assert.equal((await admin.post(`/api/organizers/${s.organizer.id}/deactivate`)).status, 200);
    const r = await admin.post(`/api/organizers/${s.organizer.id}/reactivate`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      { id: r.body.id, active: r.body.active, deactivatedAt: r.body.deactivatedAt, orderId: r.body.orderId },
      { id: s.organizer.id, active: true, deactivatedAt: null, orderId: s.orderId },
    );
    assert.equal(
      (await h.api(s.organizer.token).get('/api/events')).status,
      401,
      'the token from before stays revoked',
    );
    const again = await login(s.organizer.email, s.organizer.password);
    assert.equal(again.status, 200);
    assert.equal((await h.api(again.body.accessToken).get('/api/events')).status, 200);
    const twice = await admin.post(`/api/organizers/${s.organizer.id}/reactivate`);
    assert.equal(twice.status, 200, 'an active organizer stays as is');
    assert.equal(twice.body.active, true);
  });

  it('refuses with 409 and says why when every seat of the order is in use, and changes nothing', async () => {
    const s = await h.seed({ seats: 3 });
    const admin = h.api(s.admin.token);
    for (const who of ['lise.meitner', 'emmy.noether']) {
      const c = await admin.post('/api/organizers', { email: `${who}@acme.example`, name: who, password: PASSWORD });
      assert.equal(c.status, 201);
    }
    assert.equal((await admin.post(`/api/organizers/${s.organizer.id}/deactivate`)).status, 200);
    const newcomer = await admin.post('/api/organizers', {
      email: 'chien-shiung.wu@acme.example',
      name: 'Chien-Shiung Wu',
      password: PASSWORD,
    });
    assert.equal(newcomer.status, 201, 'the freed seat went to someone else');
    const r = await admin.post(`/api/organizers/${s.organizer.id}/reactivate`);
    assert.equal(r.status, 409);
    assert.equal(
      r.body.message,
      'All 3 seats of this order are in use: deactivate an organizer or extend the order first.',
    );
    assert.equal(r.body.field, 'seats');
    assert.equal((await admin.get(`/api/organizers/${s.organizer.id}`)).body.active, false);
    assert.equal((await login(s.organizer.email, s.organizer.password)).status, 401);
  });

  it('never puts more organizers on an order than it has seats, even to concurrent reactivations', async () => {
    const s = await h.seed({ seats: 2 });
    const admin = h.api(s.admin.token);
    const ids: string[] = [];
    for (const who of ['a', 'b', 'c']) {
      const c = await admin.post('/api/organizers', {
        email: `person.${who}@race.example`,
        name: who,
        password: PASSWORD,
      });
      if (c.status === 201) ids.push(c.body.id);
    }
    assert.equal(ids.length, 1, 'the seed took one of the two seats');
    for (const id of [s.organizer.id, ...ids]) await admin.post(`/api/organizers/${id}/deactivate`);
    const extra = await admin.post('/api/organizers', {
      email: 'person.d@race.example',
      name: 'd',
      password: PASSWORD,
    });
    await admin.post(`/api/organizers/${extra.body.id}/deactivate`);
    const results = await Promise.all(
      [s.organizer.id, ids[0], extra.body.id].map((id) => admin.post(`/api/organizers/${id}/reactivate`)),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 409]);
    const active = (await admin.get('/api/organizers')).body.filter((o: { active: boolean }) => o.active);
    assert.equal(active.length, 2);
  });

  it("is an administrator's act on their own account only: 403 for organizers, 404 across accounts", async () => {
    const a = await h.seed();
    const b = await h.seed();
    await h.api(a.admin.token).post(`/api/organizers/${a.organizer.id}/deactivate`);
    assert.equal((await h.api(b.organizer.token).post(`/api/organizers/${a.organizer.id}/reactivate`)).status, 403);
    const foreign = await h.api(b.admin.token).post(`/api/organizers/${a.organizer.id}/reactivate`);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.field, 'id');
    assert.equal((await h.api(a.admin.token).get(`/api/organizers/${a.organizer.id}`)).body.active, false);
  });
});
