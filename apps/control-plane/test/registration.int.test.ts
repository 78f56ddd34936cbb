import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifyJoinToken } from '#tokens';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { HOUR_MS, eventBody } from './support/schedule';

describe('registration through the public link', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let event: { id: string; publicSlug: string; endsAt: string };
  before(async () => {
    h = await startControlPlane({ PUBLIC_BASE_URL: 'https://webcasts.example.com/' });
    s = await h.seed();
    event = (
      await h
        .api(s.organizer.token)
        .post('/api/events', eventBody(HOUR_MS, HOUR_MS, { title: 'Open day', description: 'Welcome' }))
    ).body;
  });
  after(async () => {
    await h.close();
  });

  it('shows the event to anyone with the link, without secrets', async () => {
    const r = await h.api().get(`/api/public/events/${event.publicSlug}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.title, 'Open day');
    assert.equal(r.body.organizerName, 'Ada Lovelace');
    assert.equal(r.body.timeZone, 'UTC');
    assert.equal(r.body.streamKey, undefined);
    assert.equal(r.body.organizerId, undefined);
  });

  it('registers with name + email and answers only "check your inbox"', async () => {
    const r = await h.api().post(`/api/public/events/${event.publicSlug}/registrations`, {
      name: 'Alan Turing',
      email: 'alan.turing@example.org',
    });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(r.body, { status: 'check-your-inbox', email: 'alan.turing@example.org' });
  });

  it('gives the organizer a signed personal join link, the same one when the same person is added twice', async () => {
    const first = await h
      .api(s.organizer.token)
      .post(`/api/events/${event.id}/registrations`, { name: 'Joan Clarke', email: 'joan.clarke@example.org' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const check = verifyJoinToken(first.body.joinToken, h.config.JOIN_TOKEN_SECRET);
    assert.ok(check.ok);
    assert.deepEqual(check.claims, { registrantId: first.body.id, eventId: event.id });
    assert.equal(first.body.joinUrl, `https://webcasts.example.com/join/${first.body.joinToken}`);
    assert.equal(first.body.alreadyRegistered, false);
    const second = await h
      .api(s.organizer.token)
      .post(`/api/events/${event.id}/registrations`, { name: 'Joan C.', email: ' Joan.Clarke@Example.org ' });
    assert.equal(second.status, 201);
    assert.equal(second.body.joinUrl, first.body.joinUrl);
    assert.equal(second.body.alreadyRegistered, true);
    const list = await h.api(s.organizer.token).get(`/api/events/${event.id}/registrations`);
    const joan = list.body.items.filter((r: { email: string }) => r.email === 'joan.clarke@example.org');
    assert.equal(joan.length, 1);
    assert.equal(joan[0].joinUrl, first.body.joinUrl, "the organizer sees the registrant's own link");
  });

  it('answers 404 for an unknown link and 409 for a cancelled event', async () => {
    assert.equal(
      (await h.api().post('/api/public/events/doesnotexist123/registrations', { name: 'A', email: 'a.b@example.org' }))
        .status,
      404,
    );
    assert.equal((await h.api().get('/api/public/events/../../etc')).status, 404);
    const other = (await h.api(s.organizer.token).post('/api/events', eventBody(5 * HOUR_MS, HOUR_MS))).body;
    await h.api(s.organizer.token).post(`/api/events/${other.id}/cancel`);
    const r = await h
      .api()
      .post(`/api/public/events/${other.publicSlug}/registrations`, { name: 'A', email: 'a.b@example.org' });
    assert.equal(r.status, 409);
  });
});
