import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { API_KEY_ROUTES } from '../src/api-keys/api-key-routes';
import { HOUR_MS, eventBody } from './support/schedule';

// Account API keys, as an integration would use them: Bearer on the API, scopes enforced, revocation at once, and
// the same account isolation as people. Also the webhook URL rule on a control plane with its default settings.

describe('account API keys', () => {
  let h: ControlPlaneHarness;
  let a: SeededCustomer;
  let b: SeededCustomer;
  before(async () => {
    h = await startControlPlane();
    a = await h.seed();
    b = await h.seed();
  });
  after(async () => {
    await h?.close();
  });

  const createKey = async (who: SeededCustomer, body: Record<string, unknown>) => {
    const r = await h.api(who.admin.token).post('/api/api-keys', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { id: string; key: string; prefix: string };
  };

  it('reads a report with read:reports, is refused creating an event, and stops at once when revoked', async () => {
    const event = (await h.api(a.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body;
    const key = await createKey(a, { name: 'BI export', scopes: ['read:reports'], actsAsOrganizerId: a.organizer.id });
    assert.match(key.key, /^wck_/);
    assert.ok(key.key.startsWith(key.prefix));

    const withKey = h.api(key.key);
    const report = await withKey.get(`/api/events/${event.id}/attendance`);
    assert.equal(report.status, 200, JSON.stringify(report.body));
    assert.equal(report.body.eventId, event.id);
    const write = await withKey.post('/api/events', eventBody(3 * HOUR_MS, HOUR_MS));
    assert.equal(write.status, 403);
    assert.match(write.body.message, /lacks the write:events scope/);
    const elsewhere = await withKey.get('/api/organizers');
    assert.equal(elsewhere.status, 403);
    assert.match(elsewhere.body.message, /API keys cannot call this endpoint/);

    const listed = (await h.api(a.admin.token).get('/api/api-keys')).body;
    const row = listed.find((k: { id: string }) => k.id === key.id);
    assert.equal(row.key, undefined, 'the key is shown once, never listed');
    assert.notEqual(row.lastUsedAt, null, 'last use is shown');

    assert.equal((await h.api(a.admin.token).post(`/api/api-keys/${key.id}/revoke`, {})).status, 200);
    const revoked = await withKey.get(`/api/events/${event.id}/attendance`);
    assert.equal(revoked.status, 401);
  });

  it('sees nothing of another account', async () => {
    const eventOfB = (await h.api(b.organizer.token).post('/api/events', eventBody(5 * HOUR_MS, HOUR_MS))).body;
    const eventOfA = (await h.api(a.organizer.token).post('/api/events', eventBody(7 * HOUR_MS, HOUR_MS))).body;
    const key = await createKey(a, { name: 'calendar', scopes: ['read:events'] });
    const list = await h.api(key.key).get('/api/events');
    assert.equal(list.status, 200);
    const ids = list.body.map((e: { id: string }) => e.id);
    assert.ok(ids.includes(eventOfA.id));
    assert.ok(!ids.includes(eventOfB.id));
    assert.equal((await h.api(key.key).get(`/api/events/${eventOfB.id}`)).status, 404);
    const organizerOfB = await h.api(a.admin.token).post('/api/api-keys', {
      name: 'not mine',
      scopes: ['read:reports'],
      actsAsOrganizerId: b.organizer.id,
    });
    assert.equal(organizerOfB.status, 404);
  });

  it('explains what a key needs when it is made', async () => {
    const noOrganizer = await h.api(a.admin.token).post('/api/api-keys', { name: 'x', scopes: ['write:events'] });
    assert.equal(noOrganizer.status, 400);
    assert.match(noOrganizer.body.message, /choose the organizer the key acts as/);
    const badScope = await h.api(a.admin.token).post('/api/api-keys', { name: 'x', scopes: ['admin'] });
    assert.equal(badScope.status, 400);
    assert.equal((await h.api(a.organizer.token).get('/api/api-keys')).status, 403, 'administrators manage keys');
    const forged = await h.api(`wck_${'A'.repeat(43)}`).get('/api/events');
    assert.equal(forged.status, 401);
  });

  it('names only routes that exist in the API', async () => {
    const doc = (await h.api().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const route of Object.keys(API_KEY_ROUTES)) {
      const [method, path] = route.split(' ');
      const openApiPath = path.replace(/:(\w+)/g, '{$1}');
      assert.ok(doc.paths[openApiPath]?.[method.toLowerCase()], `${route} is an endpoint`);
    }
  });

  it('refuses a webhook URL on a loopback or private address with the default (production) settings', async () => {
    for (const url of ['https://127.0.0.1:9000/hook', 'https://10.0.0.8/hook', 'https://localhost/hook']) {
      const r = await h.api(a.admin.token).post('/api/webhooks', { url, eventTypes: ['event.scheduled'] });
      assert.equal(r.status, 400, url);
      assert.match(r.body.message, /loopback, private or internal/);
    }
    const http = await h.api(a.admin.token).post('/api/webhooks', {
      url: 'http://crm.example.com/hook',
      eventTypes: ['event.scheduled'],
    });
    assert.equal(http.status, 400);
    assert.match(http.body.message, /must use https/);
  });
});
