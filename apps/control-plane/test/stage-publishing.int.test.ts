import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ObjectStorage } from '#storage';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { MediaAssetsRepository } from '../src/media/media-assets.repository';
import { MEDIA_STORAGE } from '../src/media/media-storage';
import { HOUR_MS, eventBody } from './support/schedule';

// Organizers publish their account's transcoded videos to Stage and the public reads them, on a real control plane
// (PostgreSQL, Redis, the embedded S3). A transcoder's work is played by writing its objects and reporting it ready.

const DAY_MS = 86_400_000;

interface ReadyAsset {
  id: string;
  keys: string[];
}

/** A media asset of `s` as a transcoder leaves it: source, master, one rendition's playlist and segments, poster. */
async function readyAsset(h: ControlPlaneHarness, token: string, title = 'Keynote'): Promise<ReadyAsset> {
  const api = h.api(token);
  const created = await api.post('/api/media/assets', { title });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  const uploaded = await api.request('PUT', `/api/media/assets/${id}/source`, undefined, {
    raw: 'not really a video',
    headers: { 'content-type': 'application/octet-stream' },
  });
  assert.equal(uploaded.status, 202, JSON.stringify(uploaded.body));
  const storage = h.controlPlane.app.get<symbol, ObjectStorage>(MEDIA_STORAGE);
  const attempt = `vod/${id}/attempt-1/`;
  const objects: Record<string, string> = {
    [`${attempt}master.m3u8`]: '#EXTM3U\n',
    [`${attempt}720p/index.m3u8`]: '#EXTM3U\n#EXTINF:4,\nseg-0.ts\n#EXT-X-ENDLIST\n',
    [`${attempt}720p/seg-0.ts`]: 'segment',
    [`${attempt}720p/seg-1.ts`]: 'segment',
    [`${attempt}poster.jpg`]: 'poster',
  };
  for (const [key, body] of Object.entries(objects)) await storage.put(key, body);
  const ready = await h.controlPlane.app.get(MediaAssetsRepository).markReady(id, {
    attemptPrefix: attempt,
    masterKey: `${attempt}master.m3u8`,
    posterKey: `${attempt}poster.jpg`,
    durationS: 125.5,
    renditions: [
      {
        name: '720p',
        width: 1280,
        height: 720,
        bandwidth: 3_000_000,
        averageBandwidth: 2_500_000,
        codecs: ['avc1.64001f', 'mp4a.40.2'],
        bytes: 14,
        playlistKey: `${attempt}720p/index.m3u8`,
      },
    ],
    totalBytes: 14,
    ffmpegSeconds: 1,
  });
  assert.equal(ready?.state, 'ready');
  return { id, keys: [`sources/${id}`, ...Object.keys(objects)] };
}

const publishBody = (assetId: string, extra: Record<string, unknown> = {}) => ({
  assetId,
  title: 'Keynote 2026',
  description: 'The year ahead, in forty minutes.',
  tags: ['Keynote', 'product ', 'keynote'],
  language: 'en',
  visibility: 'public',
  ...extra,
});

describe('Stage publishing', { timeout: 120_000 }, () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let other: SeededCustomer;
  let storage: ObjectStorage;

  const stored = async (asset: ReadyAsset) => {
    const listed = [...(await storage.list(`vod/${asset.id}/`)), ...(await storage.list(`sources/${asset.id}`))].map(
      (o) => o.key,
    );
    return listed.sort();
  };
  const publish = async (token: string, extra: Record<string, unknown> = {}) => {
    const asset = await readyAsset(h, token);
    const r = await h.api(token).post('/api/stage/videos', publishBody(asset.id, extra));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return { asset, video: r.body };
  };
  const setStatus = (id: string, status: string) =>
    h.db.query('UPDATE stage_videos SET status = $2 WHERE id = $1', [id, status]);

  before(async () => {
    h = await startControlPlane({ STAGE_PUBLIC_RATE_LIMIT: 100_000 });
    s = await h.seed();
    other = await h.seed();
    storage = h.controlPlane.app.get<symbol, ObjectStorage>(MEDIA_STORAGE);
    await storage.ensureBucket('vod/');
  });
  after(async () => {
    await h?.close();
  });

  it("publishes a ready asset to the account's channel, created on the first publish, tags cleaned", async () => {
    const api = h.api(s.organizer.token);
    const asset = await readyAsset(h, s.organizer.token);
    const r = await api.post('/api/stage/videos', publishBody(asset.id));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'published');
    assert.equal(r.body.assetId, asset.id);
    assert.deepEqual(r.body.tags, ['keynote', 'product']);
    assert.equal(r.body.durationSeconds, 125.5);
    assert.match(r.body.posterUrl, new RegExp(`/vod/${asset.id}/attempt-1/poster\\.jpg$`));
    assert.ok(r.body.publishedAt);
    const channels = await h.db.query<{ id: string; name: string }>(
      'SELECT id, name FROM stage_channels WHERE account_id = $1',
      [s.accountId],
    );
    assert.equal(channels.length, 1);
    assert.equal(channels[0].id, r.body.channelId);
    assert.match(channels[0].name, /^Account /);

    // the administrator publishes to the same channel
    const second = await readyAsset(h, s.organizer.token, 'Workshop');
    const byAdmin = await h.api(s.admin.token).post('/api/stage/videos', publishBody(second.id, { title: 'Workshop' }));
    assert.equal(byAdmin.status, 201, JSON.stringify(byAdmin.body));
    assert.equal(byAdmin.body.channelId, r.body.channelId);
    const listed = await api.get('/api/stage/videos');
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.map((v: { id: string }) => v.id),
      [byAdmin.body.id, r.body.id],
    );
  });

  it('refuses an asset that is not ready or is on Stage already (409), and an unknown or foreign one (404)', async () => {
    const api = h.api(s.organizer.token);
    const uploading = await api.post('/api/media/assets', { title: 'Not yet' });
    const notReady = await api.post('/api/stage/videos', publishBody(uploading.body.id));
    assert.equal(notReady.status, 409);
    assert.equal(notReady.body.field, 'assetId');
    assert.match(notReady.body.message, /uploading; only a ready asset/);

    const { asset } = await publish(s.organizer.token);
    const twice = await api.post('/api/stage/videos', publishBody(asset.id));
    assert.equal(twice.status, 409);
    assert.match(twice.body.message, /on Stage already/);

    const foreign = await readyAsset(h, other.organizer.token);
    assert.equal((await api.post('/api/stage/videos', publishBody(foreign.id))).status, 404);
    assert.equal((await api.post('/api/stage/videos', publishBody(randomUUID()))).status, 404);
  });

  it('answers 400 with a clear message for each bad field', async () => {
    const api = h.api(s.organizer.token);
    const asset = await readyAsset(h, s.organizer.token);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ title: '' }, 'title', /title must be 1 to 200 characters/],
      [{ title: '   ' }, 'title', /title must be 1 to 200 characters/],
      [{ title: 'x'.repeat(201) }, 'title', /title must be 1 to 200 characters/],
      [{ title: undefined }, 'title', /title is required/],
      [{ description: 'x'.repeat(5001) }, 'description', /at most 5000 characters/],
      [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags', /at most 10 tags/],
      [{ tags: ['ok', ''] }, 'tags', /each tag must be 1 to 40 characters/],
      [{ tags: ['x'.repeat(41)] }, 'tags', /each tag must be 1 to 40 characters/],
      [{ tags: [3] }, 'tags', /each tag must be a string/],
      [{ tags: 'keynote' }, 'tags', /tags must be an array/],
      [{ language: 'de' }, 'language', /language must be fr or en/],
      [{ visibility: 'private' }, 'visibility', /visibility must be public, unlisted or account/],
      [{ assetId: 'nope' }, 'assetId', /assetId must be a media asset id/],
      [{ status: 'published' }, 'status', /status is not a known field/],
    ];
    for (const [change, field, message] of cases) {
      const r = await api.post('/api/stage/videos', publishBody(asset.id, change));
      assert.equal(r.status, 400, `${JSON.stringify(change)}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.field, field, JSON.stringify(change));
      assert.match(r.body.message, message, JSON.stringify(change));
    }
    // ten tags after the duplicates are merged are fine
    const many = [...Array.from({ length: 10 }, (_, i) => `t${i}`), 'T0'];
    const ok = await api.post('/api/stage/videos', publishBody(asset.id, { tags: many }));
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.tags.length, 10);
  });

  it('edits, unpublishes and publishes again; another account gets 404 everywhere and changes nothing', async () => {
    const api = h.api(s.organizer.token);
    const { video } = await publish(s.organizer.token);
    const edited = await api.patch(`/api/stage/videos/${video.id}`, {
      title: 'Keynote, edited',
      tags: ['Launch'],
      visibility: 'unlisted',
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.title, 'Keynote, edited');
    assert.deepEqual(edited.body.tags, ['launch']);
    assert.equal(edited.body.visibility, 'unlisted');
    assert.equal(edited.body.description, video.description);
    assert.equal((await api.patch(`/api/stage/videos/${video.id}`, { language: 'es' })).status, 400);
    assert.equal((await api.patch(`/api/stage/videos/${video.id}`, { assetId: randomUUID() })).status, 400);

    const down = await api.post(`/api/stage/videos/${video.id}/unpublish`);
    assert.equal(down.status, 201);
    assert.equal(down.body.status, 'unpublished');
    assert.equal((await api.get(`/api/stage/videos/${video.id}`)).body.status, 'unpublished');
    assert.equal((await h.api().get(`/api/stage/videos/${video.id}/public`)).status, 404);
    const up = await api.post(`/api/stage/videos/${video.id}/publish`);
    assert.equal(up.status, 201);
    assert.equal(up.body.status, 'published');
    assert.equal(up.body.publishedAt, video.publishedAt, 'a video published again keeps its first date');

    const theirs = h.api(other.admin.token);
    assert.equal((await theirs.get(`/api/stage/videos/${video.id}`)).status, 404);
    assert.equal((await theirs.patch(`/api/stage/videos/${video.id}`, { title: 'hijacked' })).status, 404);
    assert.equal((await theirs.post(`/api/stage/videos/${video.id}/unpublish`)).status, 404);
    assert.equal((await theirs.post(`/api/stage/videos/${video.id}/publish`)).status, 404);
    assert.equal((await theirs.delete(`/api/stage/videos/${video.id}`)).status, 404);
    assert.ok(!(await theirs.get('/api/stage/videos')).body.some((v: { id: string }) => v.id === video.id));
    assert.equal((await api.get('/api/stage/videos/not-an-id')).status, 404);
    assert.equal((await h.api().get(`/api/stage/videos/${video.id}`)).status, 401);
    const still = await api.get(`/api/stage/videos/${video.id}`);
    assert.equal(still.body.title, 'Keynote, edited');
    assert.equal(still.body.status, 'published');
  });

  it('lets another organizer of the account see a video but change it only through an administrator (403)', async () => {
    const colleague = {
      email: `barbara.liskov.${randomUUID().slice(0, 8)}@example.org`,
      password: 'a-long-enough-password',
    };
    const added = await h.api(s.admin.token).post('/api/organizers', { ...colleague, name: 'Barbara Liskov' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const login = await h.api().post('/api/auth/login', colleague);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const theirs = h.api(login.body.accessToken);
    const { asset, video } = await publish(s.organizer.token);
    assert.equal((await theirs.get(`/api/stage/videos/${video.id}`)).status, 200);
    assert.ok((await theirs.get('/api/stage/videos')).body.some((v: { id: string }) => v.id === video.id));
    const edit = await theirs.patch(`/api/stage/videos/${video.id}`, { title: 'Mine now' });
    assert.equal(edit.status, 403);
    assert.match(edit.body.message, /another organizer's/);
    assert.equal((await theirs.post(`/api/stage/videos/${video.id}/unpublish`)).status, 403);
    assert.equal((await theirs.delete(`/api/stage/videos/${video.id}`)).status, 403);
    const other = await readyAsset(h, s.organizer.token);
    const publishOthers = await theirs.post('/api/stage/videos', publishBody(other.id));
    assert.equal(publishOthers.status, 403);
    assert.equal(publishOthers.body.field, 'assetId');
    assert.deepEqual(await stored(asset), [...asset.keys].sort());
    const byAdmin = await h.api(s.admin.token).patch(`/api/stage/videos/${video.id}`, { title: 'Edited by the admin' });
    assert.equal(byAdmin.status, 200);
    assert.equal(byAdmin.body.title, 'Edited by the admin');
  });

  it('leaves a video under moderation to moderation: publish and unpublish answer 409', async () => {
    const api = h.api(s.organizer.token);
    const { video } = await publish(s.organizer.token);
    await setStatus(video.id, 'taken_down');
    const r = await api.post(`/api/stage/videos/${video.id}/publish`);
    assert.equal(r.status, 409);
    assert.match(r.body.message, /taken down by moderation/);
    assert.equal((await api.post(`/api/stage/videos/${video.id}/unpublish`)).status, 409);
    assert.equal((await api.get(`/api/stage/videos/${video.id}`)).body.status, 'taken_down');
  });

  it('deletes the video, its asset and every object of the asset in storage', async () => {
    const api = h.api(s.organizer.token);
    const { asset, video } = await publish(s.organizer.token);
    assert.deepEqual(await stored(asset), [...asset.keys].sort());
    const r = await api.delete(`/api/stage/videos/${video.id}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { id: video.id, assetDeleted: true, assetKeptBecause: null });
    assert.deepEqual(await stored(asset), []);
    assert.equal((await api.get(`/api/stage/videos/${video.id}`)).status, 404);
    assert.equal((await api.get(`/api/media/assets/${asset.id}`)).status, 404);
    assert.equal((await h.api().get(`/api/stage/videos/${video.id}/public`)).status, 404);
    assert.equal((await api.delete(`/api/stage/videos/${video.id}`)).status, 404);
  });

  it("keeps the asset a webcast plays and says so; the webcast's video is untouched", async () => {
    const api = h.api(s.organizer.token);
    const { asset, video } = await publish(s.organizer.token);
    const event = await api.post('/api/events', eventBody(30 * HOUR_MS, HOUR_MS, { mode: 'on-demand' }));
    assert.equal(event.status, 201, JSON.stringify(event.body));
    assert.equal((await api.put(`/api/media/assets/${asset.id}/event`, { eventId: event.body.id })).status, 200);
    const r = await api.delete(`/api/stage/videos/${video.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.assetDeleted, false);
    assert.match(r.body.assetKeptBecause, /a webcast plays this media asset/);
    assert.equal((await api.get(`/api/stage/videos/${video.id}`)).status, 404);
    const kept = await api.get(`/api/media/assets/${asset.id}`);
    assert.equal(kept.status, 200);
    assert.equal(kept.body.state, 'ready');
    assert.deepEqual(await stored(asset), [...asset.keys].sort());
  });

  it('lets anyone read a public or unlisted published video, and nothing of an account-only or unpublished one', async () => {
    const { video } = await publish(s.organizer.token);
    const anyone = h.api();
    const r = await anyone.get(`/api/stage/videos/${video.id}/public`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.title, 'Keynote 2026');
    assert.equal(r.body.description, 'The year ahead, in forty minutes.');
    assert.deepEqual(r.body.tags, ['keynote', 'product']);
    assert.equal(r.body.durationSeconds, 125.5);
    assert.equal(r.body.posterUrl, video.posterUrl);
    assert.equal(r.body.channel.id, video.channelId);
    assert.match(r.body.channel.name, /^Account /);
    assert.equal(r.body.assetId, undefined, 'the public never sees which asset it is');
    const poster = await fetch(r.body.posterUrl);
    assert.equal(poster.status, 200);
    assert.equal(await poster.text(), 'poster');

    const org = h.api(s.organizer.token);
    await org.patch(`/api/stage/videos/${video.id}`, { visibility: 'unlisted' });
    assert.equal((await anyone.get(`/api/stage/videos/${video.id}/public`)).status, 200);
    await org.patch(`/api/stage/videos/${video.id}`, { visibility: 'account' });
    const accountOnly = await anyone.get(`/api/stage/videos/${video.id}/public`);
    assert.equal(accountOnly.status, 404);
    assert.match(accountOnly.body.message, /no Stage video/);
    await org.patch(`/api/stage/videos/${video.id}`, { visibility: 'public' });
    await org.post(`/api/stage/videos/${video.id}/unpublish`);
    assert.equal((await anyone.get(`/api/stage/videos/${video.id}/public`)).status, 404);
    assert.equal((await anyone.get(`/api/stage/videos/${randomUUID()}/public`)).status, 404);
    assert.equal((await anyone.get('/api/stage/videos/nope/public')).status, 404);
  });

  it('answers 410 with the reason "removed" once taken down; a restricted video stays readable by its link', async () => {
    const { video } = await publish(s.organizer.token);
    await setStatus(video.id, 'restricted');
    const restricted = await h.api().get(`/api/stage/videos/${video.id}/public`);
    assert.equal(restricted.status, 200);
    await setStatus(video.id, 'taken_down');
    const gone = await h.api().get(`/api/stage/videos/${video.id}/public`);
    assert.equal(gone.status, 410);
    assert.equal(gone.body.reason, 'removed');
    assert.match(gone.body.message, /removed/);
  });

  it("pages a channel's public published videos, newest first, without unlisted, unpublished or moderated ones", async () => {
    const c = await h.seed();
    const shown: string[] = [];
    for (let i = 0; i < 3; i++) shown.unshift((await publish(c.organizer.token, { title: `Talk ${i}` })).video.id);
    const hidden = [
      (await publish(c.organizer.token, { visibility: 'unlisted' })).video,
      (await publish(c.organizer.token, { visibility: 'account' })).video,
      (await publish(c.organizer.token)).video,
      (await publish(c.organizer.token)).video,
    ];
    await h.api(c.organizer.token).post(`/api/stage/videos/${hidden[2].id}/unpublish`);
    await setStatus(hidden[3].id, 'restricted');
    const channelId = hidden[0].channelId as string;
    const first = await h.api().get(`/api/stage/channels/${channelId}?limit=2`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.id, channelId);
    assert.match(first.body.name, /^Account /);
    assert.equal(first.body.total, 3);
    assert.deepEqual(
      first.body.videos.map((v: { id: string }) => v.id),
      shown.slice(0, 2),
    );
    const next = await h.api().get(`/api/stage/channels/${channelId}?limit=2&offset=2`);
    assert.deepEqual(
      next.body.videos.map((v: { id: string }) => v.id),
      shown.slice(2),
    );
    assert.equal(next.body.videos[0].title, 'Talk 0');
    assert.equal((await h.api().get(`/api/stage/channels/${channelId}?limit=0`)).status, 400);
    assert.equal((await h.api().get(`/api/stage/channels/${channelId}?limit=51`)).status, 400);
    assert.equal((await h.api().get(`/api/stage/channels/${channelId}?offset=-1`)).status, 400);
    assert.equal((await h.api().get(`/api/stage/channels/${randomUUID()}`)).status, 404);
  });

  it("keeps a customer's published videos published and readable after its order expires", async () => {
    const c = await h.seed();
    const { video } = await publish(c.organizer.token);
    const expired = await h.api(c.admin.token).put(`/api/orders/${c.orderId}`, {
      seats: 2,
      attendeeLimit: 100,
      overageRateCents: 200,
      overagePolicy: 'bill',
      validFrom: new Date(Date.now() - 30 * DAY_MS).toISOString(),
      validUntil: new Date(Date.now() - DAY_MS).toISOString(),
    });
    assert.equal(expired.status, 200, JSON.stringify(expired.body));
    const r = await h.api().get(`/api/stage/videos/${video.id}/public`);
    assert.equal(r.status, 200);
    assert.equal(r.body.title, 'Keynote 2026');
    const channel = await h.api().get(`/api/stage/channels/${video.channelId}`);
    assert.deepEqual(
      channel.body.videos.map((v: { id: string }) => v.id),
      [video.id],
    );
  });
});

describe("the limit on Stage's public pages", { timeout: 60_000 }, () => {
  let h: ControlPlaneHarness;
  before(async () => {
    h = await startControlPlane({ STAGE_PUBLIC_RATE_LIMIT: 3 });
  });
  after(async () => {
    await h?.close();
  });

  it('answers 429 with Retry-After past STAGE_PUBLIC_RATE_LIMIT reads from one address, on any public route', async () => {
    const statuses = [];
    for (const path of [
      `/api/stage/channels/${randomUUID()}`,
      `/api/stage/videos/${randomUUID()}/public`,
      `/api/stage/channels/${randomUUID()}`,
      `/api/stage/videos/${randomUUID()}/public`,
    ]) {
      const r = await h.api().get(path);
      statuses.push(r.status);
      if (r.status === 429) {
        assert.match(r.headers.get('retry-after') ?? '', /^\d+$/);
        assert.match(r.body.message, /too many requests from your network; try again in \d+ s/);
      }
    }
    assert.deepEqual(statuses, [404, 404, 404, 429]);
  });
});
