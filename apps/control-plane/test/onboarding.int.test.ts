import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

describe('onboarding a customer (internal endpoint)', () => {
  let h: ControlPlaneHarness;
  before(async () => {
    h = await startControlPlane();
  });
  after(async () => {
    await h.close();
  });
  const order = {
    seats: 2,
    attendeeLimit: 250,
    overageRateCents: 75,
    overagePolicy: 'block',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2036-01-01T00:00:00Z',
  };
  const person = (email: string) => ({ email, name: email.split('@')[0], password: 'a-long-enough-password' });

  it('creates the account, its order with the 10 % buffer, the administrator and the organizers, who can sign in', async () => {
    const internal = h.api(h.config.INTERNAL_API_TOKEN);
    const r = await internal.post('/api/internal/accounts', {
      accountName: 'Acme',
      admin: person('boss.lady@acme.example'),
      order,
      organizers: [person('jane.doe@acme.example')],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const login = await h
      .api()
      .post('/api/auth/login', { email: 'boss.lady@acme.example', password: 'a-long-enough-password' });
    const orders = await h.api(login.body.accessToken).get('/api/orders');
    assert.equal(orders.body.length, 1);
    assert.equal(orders.body[0].bufferPercent, 10);
    assert.equal(orders.body[0].bufferSeats, 25);
    assert.equal(orders.body[0].overageCap, null);
    assert.equal((await h.api(login.body.accessToken).get('/api/account')).body.name, 'Acme');
    assert.equal(
      (await h.api().post('/api/auth/login', { email: 'jane.doe@acme.example', password: 'a-long-enough-password' }))
        .status,
      200,
    );
  });

  it('refuses more organizers than seats (409), generic ones (400) and existing emails (409), creating nothing', async () => {
    const internal = h.api(h.config.INTERNAL_API_TOKEN);
    const three = [person('a.one@beta.example'), person('b.two@beta.example'), person('c.three@beta.example')];
    const tooMany = await internal.post('/api/internal/accounts', {
      accountName: 'Beta',
      admin: person('boss.beta@beta.example'),
      order,
      organizers: three,
    });
    assert.equal(tooMany.status, 409);
    assert.match(tooMany.body.message, /seat/);
    const generic = await internal.post('/api/internal/accounts', {
      accountName: 'Beta',
      admin: person('boss.beta@beta.example'),
      order,
      organizers: [person('webinar@beta.example')],
    });
    assert.equal(generic.status, 400);
    const taken = await internal.post('/api/internal/accounts', {
      accountName: 'Beta',
      admin: person('boss.beta@beta.example'),
      order,
      organizers: [person('jane.doe@acme.example')],
    });
    assert.equal(taken.status, 409);
    assert.equal(
      (await h.api().post('/api/auth/login', { email: 'boss.beta@beta.example', password: 'a-long-enough-password' }))
        .status,
      401,
      'nothing was created',
    );
  });

  it('needs the internal token', async () => {
    assert.equal((await h.api('wrong-token').post('/api/internal/accounts', {})).status, 401);
  });
});
