import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { HOUR_MS, eventBody } from './support/schedule';

const PASSWORD = 'a-long-enough-password';

describe('named organizers', () => {
  let h: ControlPlaneHarness;
  before(async () => {
    h = await startControlPlane();
  });
  after(async () => {
    await h.close();
  });
  const login = (email: string, password = PASSWORD) => h.api().post('/api/auth/login', { email, password });

  it('refuses generic and shared identities (user, user1, user12, trainer, info, noreply, team, office …)', async () => {
    const s = await h.seed({ seats: 50 });
    const admin = h.api(s.admin.token);
    for (const local of [
      'user',
      'user1',
      'user12',
      'trainer',
      'trainer3',
      'admin',
      'info',
      'test',
      'webinar',
      'sales',
      'support',
      'contact',
      'noreply',
      'team',
      'office',
      'office2',
    ]) {
      const r = await admin.post('/api/organizers', {
        email: `${local}@acme.example`,
        name: 'Someone',
        password: PASSWORD,
      });
      assert.equal(r.status, 400, local);
      assert.equal(r.body.field, 'email');
      assert.match(r.body.message, /generic or shared identity/);
    }
    assert.equal(
      (
        await admin.post('/api/organizers', {
          email: 'marie.curie@acme.example',
          name: 'Marie Curie',
          password: PASSWORD,
        })
      ).status,
      201,
    );
  });

  it('refuses a duplicate organizer, whatever the case of the address', async () => {
    const s = await h.seed({ seats: 5 });
    const admin = h.api(s.admin.token);
    assert.equal(
      (await admin.post('/api/organizers', { email: 'emmy.noether@acme.example', name: 'Emmy', password: PASSWORD }))
        .status,
      201,
    );
    const again = await admin.post('/api/organizers', {
      email: 'Emmy.Noether@ACME.example',
      name: 'Emmy N',
      password: PASSWORD,
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.field, 'email');
    const existing = await admin.post('/api/organizers', { email: s.organizer.email, name: 'Ada', password: PASSWORD });
    assert.equal(existing.status, 409);
  });

  it("refuses an organizer beyond the order's seats with 409 and a message", async () => {
    const s = await h.seed({ seats: 2 }); // the seed already placed one organizer
    const admin = h.api(s.admin.token);
    assert.equal(
      (await admin.post('/api/organizers', { email: 'lise.meitner@acme.example', name: 'Lise', password: PASSWORD }))
        .status,
      201,
    );
    const third = await admin.post('/api/organizers', {
      email: 'rosalind.franklin@acme.example',
      name: 'Rosalind',
      password: PASSWORD,
    });
    assert.equal(third.status, 409);
    assert.equal(
      third.body.message,
      'All 2 seats of this order are in use: deactivate an organizer or extend the order first.',
    );
  });

  it('never grants more seats than the order has, even to concurrent requests', async () => {
    const s = await h.seed({ seats: 3 });
    const admin = h.api(s.admin.token);
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((x) =>
        admin.post('/api/organizers', { email: `person.${x}@race.example`, name: x, password: PASSWORD }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 201, 409, 409, 409]);
    const list = await admin.get('/api/organizers');
    assert.equal(list.body.filter((o: { active: boolean }) => o.active).length, 3);
  });

  it("stops a deactivated organizer's tokens at once and frees the seat", async () => {
    const s = await h.seed({ seats: 1 });
    const admin = h.api(s.admin.token);
    assert.equal((await h.api(s.organizer.token).get('/api/events')).status, 200);
    const d = await admin.post(`/api/organizers/${s.organizer.id}/deactivate`);
    assert.equal(d.status, 200);
    assert.equal(d.body.active, false);
    assert.equal(
      (await h.api(s.organizer.token).get('/api/events')).status,
      401,
      'the token issued before stops working',
    );
    assert.equal((await login(s.organizer.email, s.organizer.password)).status, 401, 'no new sign-in either');
    assert.equal(
      (await admin.post('/api/organizers', { email: 'hedy.lamarr@acme.example', name: 'Hedy', password: PASSWORD }))
        .status,
      201,
      'the seat is free again',
    );
  });

  it('moves the seat on reassignment: the old organizer loses access, the new one takes the seat and the scheduled events', async () => {
    const s = await h.seed({ seats: 1 });
    const admin = h.api(s.admin.token);
    const event = await h.api(s.organizer.token).post('/api/events', eventBody(5 * HOUR_MS, HOUR_MS));
    assert.equal(event.status, 201);
    const r = await admin.post(`/api/organizers/${s.organizer.id}/reassign`, {
      email: 'katherine.johnson@acme.example',
      name: 'Katherine Johnson',
      password: PASSWORD,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.previous.active, false);
    assert.equal(r.body.organizer.orderId, s.orderId);
    assert.equal(r.body.movedEvents, 1);
    assert.equal(
      (await h.api(s.organizer.token).get('/api/events')).status,
      401,
      'the old organizer loses access at once',
    );
    const newLogin = await login('katherine.johnson@acme.example');
    assert.equal(newLogin.status, 200);
    const mine = await h.api(newLogin.body.accessToken).get(`/api/events/${event.body.id}`);
    assert.equal(mine.status, 200);
    assert.notEqual(mine.body.streamKey, event.body.streamKey, "the old person's stream key no longer works");
    const extra = await admin.post('/api/organizers', {
      email: 'dorothy.vaughan@acme.example',
      name: 'Dorothy',
      password: PASSWORD,
    });
    assert.equal(extra.status, 409, 'the order still has one seat, and it is taken');
    const twice = await admin.post(`/api/organizers/${s.organizer.id}/reassign`, {
      email: 'mary.jackson@acme.example',
      name: 'Mary',
      password: PASSWORD,
    });
    assert.equal(twice.status, 409, 'a deactivated organizer holds no seat to hand over');
  });

  it('leaves the seat with the old organizer when the new identity is refused', async () => {
    const s = await h.seed({ seats: 1 });
    const r = await h.api(s.admin.token).post(`/api/organizers/${s.organizer.id}/reassign`, {
      email: 'trainer2@acme.example',
      name: 'Trainer',
      password: PASSWORD,
    });
    assert.equal(r.status, 400);
    assert.equal((await h.api(s.organizer.token).get('/api/events')).status, 200);
  });

  it("is the administrator's job only", async () => {
    const s = await h.seed();
    const r = await h
      .api(s.organizer.token)
      .post('/api/organizers', { email: 'alan.kay@acme.example', name: 'Alan', password: PASSWORD });
    assert.equal(r.status, 403);
  });
});

describe('account isolation', () => {
  let h: ControlPlaneHarness;
  let a: SeededCustomer;
  let b: SeededCustomer;
  before(async () => {
    h = await startControlPlane();
    [a, b] = [await h.seed({ seats: 3 }), await h.seed()];
  });
  after(async () => {
    await h.close();
  });

  it("answers 404 for another account's events, orders and organizers, and changes nothing", async () => {
    const event = await h.api(a.organizer.token).post('/api/events', eventBody(2 * HOUR_MS, HOUR_MS));
    const adminB = h.api(b.admin.token);
    const orgB = h.api(b.organizer.token);
    assert.equal((await adminB.get(`/api/events/${event.body.id}`)).status, 404);
    assert.equal((await adminB.post(`/api/events/${event.body.id}/cancel`)).status, 404);
    assert.equal((await orgB.get(`/api/events/${event.body.id}`)).status, 404);
    assert.equal((await orgB.patch(`/api/events/${event.body.id}`, { title: 'hijacked' })).status, 404);
    assert.equal((await orgB.post(`/api/events/${event.body.id}/stream-key`)).status, 404);
    assert.equal((await orgB.get(`/api/events/${event.body.id}/registrations`)).status, 404);
    assert.equal((await adminB.get(`/api/orders/${a.orderId}`)).status, 404);
    assert.equal(
      (
        await adminB.put(`/api/orders/${a.orderId}`, {
          seats: 9,
          attendeeLimit: 10,
          overageRateCents: 0,
          overagePolicy: 'block',
          validFrom: '2025-01-01T00:00:00Z',
          validUntil: '2035-01-01T00:00:00Z',
        })
      ).status,
      404,
    );
    assert.equal((await adminB.get(`/api/organizers/${a.organizer.id}`)).status, 404);
    assert.equal((await adminB.post(`/api/organizers/${a.organizer.id}/deactivate`)).status, 404);
    assert.equal(
      (
        await adminB.post('/api/organizers', {
          email: 'nikola.tesla@b.example',
          name: 'N',
          password: PASSWORD,
          orderId: a.orderId,
        })
      ).status,
      404,
    );
    assert.ok(!(await adminB.get('/api/events')).body.some((e: { id: string }) => e.id === event.body.id));
    const still = await h.api(a.organizer.token).get(`/api/events/${event.body.id}`);
    assert.equal(still.body.state, 'scheduled');
    assert.equal(still.body.title, 'Webcast');
    assert.equal((await h.api(a.admin.token).get(`/api/organizers/${a.organizer.id}`)).body.active, true);
  });

  it("answers 404 for another organizer's events in the same account; the administrator sees them without the key", async () => {
    const second = await h
      .api(a.admin.token)
      .post('/api/organizers', { email: 'barbara.liskov@a.example', name: 'Barbara', password: PASSWORD });
    assert.equal(second.status, 201);
    const token = (await h.api().post('/api/auth/login', { email: 'barbara.liskov@a.example', password: PASSWORD }))
      .body.accessToken;
    const hers = await h.api(token).post('/api/events', eventBody(20 * HOUR_MS, HOUR_MS));
    assert.equal(hers.status, 201);
    const ada = h.api(a.organizer.token);
    assert.equal((await ada.get(`/api/events/${hers.body.id}`)).status, 404);
    assert.equal((await ada.post(`/api/events/${hers.body.id}/cancel`)).status, 404);
    assert.ok(!(await ada.get('/api/events')).body.some((e: { id: string }) => e.id === hers.body.id));
    const asAdmin = await h.api(a.admin.token).get(`/api/events/${hers.body.id}`);
    assert.equal(asAdmin.status, 200);
    assert.equal(asAdmin.body.streamKey, undefined);
    // Two organizers of one account may run events at the same time: the one-at-a-time rule is per organizer.
    assert.equal((await ada.post('/api/events', eventBody(20 * HOUR_MS, HOUR_MS))).status, 201);
  });
});
