import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';

// The console's event form checks an organizer's attendee limit and dates against their order before sending.
describe('GET /api/orders/mine', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  before(async () => {
    h = await startControlPlane();
    s = await h.seed({ attendeeLimit: 250, overageCap: 40 });
  });
  after(async () => {
    await h?.close();
  });

  it('answers an organizer with the terms of the order whose seat they hold', async () => {
    const r = await h.api(s.organizer.token).get('/api/orders/mine');
    assert.equal(r.status, 200);
    assert.equal(r.body.id, s.orderId);
    assert.equal(r.body.attendeeLimit, 250);
    assert.equal(r.body.bufferSeats, 25);
    assert.equal(r.body.overageCap, 40);
    assert.ok(Date.parse(r.body.validUntil) > Date.now());
  });

  it('is for organizers only; administrators keep GET /api/orders/:id', async () => {
    assert.equal((await h.api(s.admin.token).get('/api/orders/mine')).status, 403);
    assert.equal((await h.api().get('/api/orders/mine')).status, 401);
    assert.equal((await h.api(s.admin.token).get(`/api/orders/${s.orderId}`)).status, 200);
  });
});
