import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signPlaybackToken } from '#tokens';
import {
  ControlPlaneHarness,
  SeededCustomer,
  startControlPlane,
  startPeerControlPlane,
} from '#test-support/control-plane-harness';
import { HOUR_MS, eventBody } from './support/schedule';

// What the public calls with a token in hand is counted per token in Redis, across control planes: a join link
// opened too often, and a playback token asking for keys too often, get 429 with Retry-After; other tokens do not.
// Stage search, which needs no token, is counted per client address the same way.

describe('limits on join links and key requests', { timeout: 60_000 }, () => {
  let a: ControlPlaneHarness;
  let b: ControlPlaneHarness;
  let s: SeededCustomer;
  before(async () => {
    // TRUST_PROXY: the search limit counts X-Forwarded-For's address, so the test can search from two networks
    const limits = { JOIN_INFO_RATE_LIMIT: 4, KEY_RATE_LIMIT: 4, STAGE_SEARCH_RATE_LIMIT: 4, TRUST_PROXY: 'loopback' };
    a = await startControlPlane(limits);
    b = await startPeerControlPlane(a, {
      ...limits,
    });
    s = await a.seed();
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  it('answers 429 with Retry-After to a join link opened too often, on every instance, and not to another link', async () => {
    const organizer = a.api(s.organizer.token);
    const event = await organizer.post('/api/events', eventBody(HOUR_MS, HOUR_MS));
    const add = (name: string) =>
      organizer.post(`/api/events/${event.body.id}/registrations`, {
        name,
        email: `${name.toLowerCase()}@example.org`,
        sendInvitation: false,
      });
    const [first, second] = [await add('Hedy'), await add('Radia')];
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const r = await (i % 2 ? b : a).api().get(`/api/public/join/${first.body.joinToken}`);
      statuses.push(r.status);
      if (r.status === 429) {
        assert.match(r.headers.get('retry-after') ?? '', /^\d+$/);
        assert.match(r.body.message, /this join link was opened too often; try again in \d+ s/);
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    assert.equal((await b.api().get(`/api/public/join/${second.body.joinToken}`)).status, 200);
  });

  it('answers 429 to a playback token asking for keys too often, and not to another token', async () => {
    const asset = await a.api(s.organizer.token).post('/api/media/assets', { title: 'Keynote' });
    const token = signPlaybackToken(
      { viewer: 'v1', scope: { kind: 'asset', id: asset.body.id } },
      a.config.PLAYBACK_TOKEN_SECRET,
    );
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const r = await fetch(`${(i % 2 ? b : a).url}/api/keys/${asset.body.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(r.status);
      if (r.status === 429) assert.match(r.headers.get('retry-after') ?? '', /^\d+$/);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    const other = signPlaybackToken(
      { viewer: 'v2', scope: { kind: 'asset', id: asset.body.id } },
      a.config.PLAYBACK_TOKEN_SECRET,
    );
    const r = await fetch(`${a.url}/api/keys/${asset.body.id}`, { headers: { authorization: `Bearer ${other}` } });
    assert.equal(r.status, 200);
  });

  it('answers 429 to Stage searches from one address past the limit, on every instance, and not to another address', async () => {
    const searchFrom = (h: ControlPlaneHarness, address: string) =>
      h.api().request('GET', '/api/stage/search?q=keynote', undefined, { headers: { 'x-forwarded-for': address } });
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const r = await searchFrom(i % 2 ? b : a, '198.51.100.7');
      statuses.push(r.status);
      if (r.status === 429) {
        assert.match(r.headers.get('retry-after') ?? '', /^\d+$/);
        assert.match(r.body.message, /too many searches from your network; try again in \d+ s/);
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    assert.equal((await searchFrom(b, '198.51.100.8')).status, 200);
  });
});
