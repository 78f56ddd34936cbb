import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';

// Attaching a video to an on-demand webcast after its upload (the console's media page does it), on a real control
// plane (PostgreSQL, Redis, the embedded S3).
describe('attaching a media asset to an event', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let other: SeededCustomer;
  let eventId: string;
  let otherEventId: string;

  const window = (days: number) => ({
    startsAt: new Date(Date.now() + days * 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString(),
  });

  before(async () => {
    h = await startControlPlane();
    s = await h.seed();
    other = await h.seed();
    const e = await h.api(s.organizer.token).post('/api/events', { title: 'Tour', mode: 'on-demand', ...window(2) });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    eventId = e.body.id;
    const o = await h
      .api(other.organizer.token)
      .post('/api/events', { title: 'Theirs', mode: 'on-demand', ...window(3) });
    otherEventId = o.body.id;
  });
  after(async () => {
    await h?.close();
  });

  const newAsset = async () => {
    const r = await h.api(s.organizer.token).post('/api/media/assets', { title: 'Recorded tour' });
    assert.equal(r.status, 201);
    assert.equal(r.body.eventId, null);
    return r.body.id as string;
  };

  it('attaches, shows it in the asset, and detaches with null', async () => {
    const id = await newAsset();
    const api = h.api(s.organizer.token);
    const attached = await api.put(`/api/media/assets/${id}/event`, { eventId });
    assert.equal(attached.status, 200, JSON.stringify(attached.body));
    assert.equal(attached.body.eventId, eventId);
    assert.equal((await api.get(`/api/media/assets/${id}`)).body.eventId, eventId);
    const detached = await api.put(`/api/media/assets/${id}/event`, { eventId: null });
    assert.equal(detached.status, 200);
    assert.equal(detached.body.eventId, null);
  });

  it("lets the account's administrator attach an organizer's asset", async () => {
    const id = await newAsset();
    const r = await h.api(s.admin.token).put(`/api/media/assets/${id}/event`, { eventId });
    assert.equal(r.status, 200);
    assert.equal(r.body.eventId, eventId);
  });

  it("refuses another account's event and another account's asset and a malformed path id (404), a malformed eventId (400)", async () => {
    const id = await newAsset();
    const api = h.api(s.organizer.token);
    const foreignEvent = await api.put(`/api/media/assets/${id}/event`, { eventId: otherEventId });
    assert.equal(foreignEvent.status, 404);
    assert.match(foreignEvent.body.message, /no event/);
    assert.equal((await api.put(`/api/media/assets/${id}/event`, { eventId: randomUUID() })).status, 404);
    const foreignAsset = await h
      .api(other.organizer.token)
      .put(`/api/media/assets/${id}/event`, { eventId: otherEventId });
    assert.equal(foreignAsset.status, 404);
    assert.equal((await api.put(`/api/media/assets/${id}/event`, { eventId: 'tomorrow' })).status, 400);
    assert.equal((await api.put(`/api/media/assets/${id}/event`, {})).status, 400);
    assert.equal((await api.put(`/api/media/assets/not-an-id/event`, { eventId })).status, 404);
    assert.equal((await h.api().put(`/api/media/assets/${id}/event`, { eventId })).status, 401);
    assert.equal((await api.get(`/api/media/assets/${id}`)).body.eventId, null);
  });
});
