import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { billingMonth } from '../src/usage/billing-month';
import { ControlPlaneHarness, SeededLogin, startControlPlane } from '#test-support/control-plane-harness';
import { LogLine, appendAttendance, setEventRun } from '#test-support/attendance-log';
import { HOUR_MS, eventBody } from './support/schedule';

const DAY_MS = 24 * HOUR_MS;
const PASSWORD = 'a-long-enough-password';
const person = (email: string) => ({ email, name: email.split('@')[0], password: PASSWORD });
const credentials = (email: string) => ({ email, password: PASSWORD });
const order = (o: Record<string, unknown> = {}) => ({
  seats: 3,
  attendeeLimit: 10,
  overageRateCents: 250,
  overagePolicy: 'bill',
  validFrom: new Date(Date.now() - DAY_MS).toISOString(),
  validUntil: new Date(Date.now() + 300 * DAY_MS).toISOString(),
  ...o,
});

/** `n` registrants take a seat one after another, starting at `at`. */
function arrivals(n: number, at: number): LogLine[] {
  return Array.from({ length: n }, (_, i) => ({
    registrantId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    kind: 'join' as const,
    edge: 'open' as const,
    at: at + i * 1000,
    seats: i + 1,
  }));
}

describe('customer accounts for the platform operator', () => {
  let h: ControlPlaneHarness;
  let operator: SeededLogin;
  before(async () => {
    h = await startControlPlane();
    operator = await h.seedOperator();
  });
  after(async () => {
    await h.close();
  });

  it('onboards a customer whose administrator and organizers then sign in', async () => {
    const r = await h.api(operator.token).post('/api/operator/accounts', {
      accountName: '  Initech  ',
      admin: person('Bill.Lumbergh@initech.example'),
      order: order(),
      organizers: [person('peter.gibbons@initech.example')],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['account', 'administrator', 'order']);
    assert.equal(r.body.account.name, 'Initech');
    assert.equal(r.body.administrator.email, 'bill.lumbergh@initech.example');
    const login = await h.api().post('/api/auth/login', credentials('bill.lumbergh@initech.example'));
    assert.equal(login.status, 200);
    assert.equal(login.body.user.id, r.body.administrator.id);
    const me = await h.api(login.body.accessToken).get('/api/auth/me');
    assert.deepEqual([me.body.role, me.body.accountId, me.body.accountName], ['admin', r.body.account.id, 'Initech']);
    const orders = await h.api(login.body.accessToken).get('/api/orders');
    assert.deepEqual(
      orders.body.map((o: { id: string; seats: number }) => [o.id, o.seats]),
      [[r.body.order.id, 3]],
    );
    assert.equal((await h.api().post('/api/auth/login', credentials('peter.gibbons@initech.example'))).status, 200);
  });

  it('refuses a taken administrator e-mail with 409 naming it, and creates nothing', async () => {
    await h.api(operator.token).post('/api/operator/accounts', {
      accountName: 'Hooli',
      admin: person('gavin.belson@hooli.example'),
      order: order(),
      organizers: [],
    });
    const before = (await h.api(operator.token).get('/api/operator/accounts')).body.length;
    for (const email of ['Gavin.Belson@hooli.example', operator.email]) {
      const r = await h.api(operator.token).post('/api/operator/accounts', {
        accountName: 'Pied Piper',
        admin: person(email),
        order: order(),
        organizers: [person('richard.hendricks@piedpiper.example')],
      });
      assert.equal(r.status, 409, email);
      assert.equal(r.body.field, 'admin.email');
      assert.match(r.body.message, /already exists/);
    }
    assert.equal((await h.api(operator.token).get('/api/operator/accounts')).body.length, before);
    assert.equal(
      (await h.api().post('/api/auth/login', credentials('richard.hendricks@piedpiper.example'))).status,
      401,
    );
  });

  it('refuses more organizers than seats and generic organizer identities', async () => {
    const tooMany = await h.api(operator.token).post('/api/operator/accounts', {
      accountName: 'Vandelay',
      admin: person('art.vandelay@vandelay.example'),
      order: order({ seats: 1 }),
      organizers: [person('george.costanza@vandelay.example'), person('kramer.cosmo@vandelay.example')],
    });
    assert.equal(tooMany.status, 409);
    assert.equal(tooMany.body.field, 'organizers');
    const generic = await h.api(operator.token).post('/api/operator/accounts', {
      accountName: 'Vandelay',
      admin: person('art.vandelay@vandelay.example'),
      order: order(),
      organizers: [person('george.costanza@vandelay.example'), person('webinar@vandelay.example')],
    });
    assert.equal(generic.status, 400);
    assert.equal(generic.body.field, 'organizers.1.email');
  });

  it("lists every account with its administrators, the seats of the orders valid now and this month's fees", async () => {
    const acme = await h.seed({ seats: 3, attendeeLimit: 10, overageRateCents: 250 });
    const quiet = await h.seed({ seats: 2 });
    const admin = h.api(acme.admin.token);
    // an order that has not started yet: neither its seats nor the order count
    const future = await admin.post(
      '/api/orders',
      order({
        seats: 50,
        validFrom: new Date(Date.now() + 100 * DAY_MS).toISOString(),
        validUntil: new Date(Date.now() + 200 * DAY_MS).toISOString(),
      }),
    );
    assert.equal(future.status, 201);
    const second = await admin.post('/api/organizers', {
      ...person('hedy.lamarr@acme.example'),
      orderId: acme.orderId,
    });
    assert.equal(second.status, 201);
    await admin.post(`/api/organizers/${second.body.id}/deactivate`);
    // two events held this month: peaks 13 and 11 against limit 10 + buffer 1 → 2 × 250 and nothing
    const month = billingMonth();
    const held = month.from.getTime() + 60_000;
    for (const [offset, peak] of [
      [2 * HOUR_MS, 13],
      [4 * HOUR_MS, 11],
    ] as const) {
      const e = (await h.api(acme.organizer.token).post('/api/events', eventBody(offset, HOUR_MS))).body;
      await setEventRun(h.db, e.id, {
        actualStartAt: new Date(held + offset),
        endedAt: new Date(held + offset + HOUR_MS),
      });
      await appendAttendance(h.db, e.id, arrivals(peak, held + offset));
    }
    const cancelled = (await h.api(acme.organizer.token).post('/api/events', eventBody(6 * HOUR_MS, HOUR_MS))).body;
    await h.api(acme.organizer.token).post(`/api/events/${cancelled.id}/cancel`);

    const r = await h.api(operator.token).get('/api/operator/accounts');
    assert.equal(r.status, 200);
    const byId = new Map(r.body.map((a: { id: string }) => [a.id, a]));
    const acmeAccount = (await admin.get('/api/account')).body;
    assert.deepEqual(byId.get(acme.accountId), {
      id: acme.accountId,
      name: acmeAccount.name,
      createdAt: acmeAccount.createdAt,
      administrators: [{ id: acme.admin.id, email: acme.admin.email, name: 'Grace Hopper' }],
      seatsTotal: 3,
      seatsUsed: 1,
      activeOrders: 1,
      eventsThisMonth: 2,
      overageFeeCentsThisMonth: 500,
    });
    const quietAccount = byId.get(quiet.accountId) as Record<string, unknown>;
    assert.deepEqual(
      [
        quietAccount.seatsTotal,
        quietAccount.seatsUsed,
        quietAccount.eventsThisMonth,
        quietAccount.overageFeeCentsThisMonth,
      ],
      [2, 1, 0, 0],
    );
    const usage = await admin.get('/api/account/usage');
    assert.equal(usage.body.totalOverageFeeCents, 500, "the operator's figure is the account's own usage total");
  });
});
