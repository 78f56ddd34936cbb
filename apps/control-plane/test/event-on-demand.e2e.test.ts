import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventSnapshotKey } from '#contracts';
import { Redis } from 'ioredis';
import { MediaStack, generateSource, startMediaStack } from './media-stack';

// An on-demand webcast plays an uploaded video: the organizer attaches it, then opens the event to attendees.
describe('on-demand events', { timeout: 180_000 }, () => {
  let stack: MediaStack;
  let redis: Redis;
  const now = Date.now();
  const window = { startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() };

  before(async () => {
    stack = await startMediaStack({ transcoders: 1 });
    redis = new Redis(stack.cp.config.REDIS_URL, { maxRetriesPerRequest: null });
  });
  after(async () => {
    redis?.disconnect();
    await stack?.close();
  });

  it('opens only once a ready video is attached, then attendees get that video and admission sees it live', async () => {
    const api = stack.cp.api(stack.customer.organizer.token);
    const created = await api.post('/api/events', { title: 'Product tour (recorded)', mode: 'on-demand', ...window });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;

    const early = await api.post(`/api/events/${id}/start`, {});
    assert.equal(early.status, 409);
    assert.match(early.body.message, /attach a ready video/);

    const source = join(stack.dir, 'tour.mp4');
    await generateSource(source, { width: 320, height: 180, seconds: 2 });
    const assetId = await stack.upload(source, 'tour', id);
    const ready = await stack.waitForState(assetId, ['ready', 'failed'], 60_000);
    assert.equal(ready.state, 'ready', ready.failureReason);

    const opened = await api.post(`/api/events/${id}/start`, {});
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.equal(opened.body.state, 'live');
    const snapshot = JSON.parse((await redis.get(eventSnapshotKey(stack.cp.config.REDIS_PREFIX, id))) ?? '{}');
    assert.equal(snapshot.state, 'live');
    assert.equal(snapshot.mode, 'on-demand');

    // An attendee's join info names the attached video's master playlist.
    const reg = await api.post(`/api/events/${id}/registrations`, {
      name: 'Katherine Johnson',
      email: 'katherine@example.com',
    });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const info = await stack.cp.api().get(`/api/public/join/${reg.body.joinToken}`);
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(info.body.playback.phase, 'on-demand');
    assert.equal(info.body.playback.masterUrl, ready.masterUrl);

    const again = await api.post(`/api/events/${id}/start`, {});
    assert.equal(again.status, 409, 'a live event cannot be opened twice');
    const ended = await api.post(`/api/events/${id}/end`, {});
    assert.equal(ended.status, 200);
    assert.equal(ended.body.state, 'ended');
  });

  it('refuses to open a live-mode event from the API: it goes live when its presenter streams', async () => {
    const api = stack.cp.api(stack.customer.organizer.token);
    const later = {
      startsAt: new Date(now + 2 * 3_600_000).toISOString(),
      endsAt: new Date(now + 3 * 3_600_000).toISOString(),
    };
    const created = await api.post('/api/events', { title: 'Town hall', mode: 'live', ...later });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const res = await api.post(`/api/events/${created.body.id}/start`, {});
    assert.equal(res.status, 409);
    assert.equal(res.body.field, 'mode');
    assert.match(res.body.message, /presenter streams/);
  });
});
