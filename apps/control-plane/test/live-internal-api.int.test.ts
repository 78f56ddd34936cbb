import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { after, before, describe, it } from 'node:test';
import { liveEndedKey } from '#contracts';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { eventually } from '#test-support';

// The control plane's live API without a stream: what ingest calls (internal token) and what presenters read.
// The cap is a test setting of 3 s here (EVENT_MAX_DURATION), so the sweeper can be seen at work.

const CAP_MS = 3000;

describe('live API of the control plane', () => {
  let cp: ControlPlaneHarness;
  let redis: Redis;
  before(async () => {
    cp = await startControlPlane({
      EVENT_MAX_DURATION: CAP_MS,
      LIVE_CAP_SWEEP_INTERVAL: 250,
      LIVE_RTMP_URL: 'rtmp://ingest.example:1935/live',
    });
    redis = new Redis(cp.config.REDIS_URL);
  });
  after(async () => {
    redis?.disconnect();
    await cp?.close();
  });

  const internal = (path: string, body?: unknown, token = cp.config.INTERNAL_API_TOKEN) =>
    fetch(`${cp.url}/api/internal/live${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function schedule(c: SeededCustomer, startsInMs: number, durationMs: number, mode = 'live') {
    const startsAt = new Date(Date.now() + startsInMs);
    const r = await cp.api(c.organizer.token).post('/api/events', {
      title: 'Live',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + durationMs).toISOString(),
      mode,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { id: string; streamKey: string };
  }

  it('takes only the internal token', async () => {
    assert.equal((await internal('/stream-keys', undefined, '')).status, 401);
    assert.equal((await internal('/stream-keys', undefined, 'wrong-token-wrong-token')).status, 401);
    assert.equal((await internal('/stream-keys')).status, 200);
  });

  it('refuses bad input with 400 and unknown keys with 404', async () => {
    assert.equal((await internal('/publish', { streamKey: '' })).status, 400);
    assert.equal((await internal('/publish', { nope: 1 })).status, 400);
    assert.equal((await internal('/publish', { streamKey: 'no-such-key' })).status, 404);
    assert.equal((await internal('/events/not-a-uuid/end', { reason: 'presenter-stopped' })).status, 404); // an id that cannot exist is unknown
    assert.equal(
      (await internal('/events/00000000-0000-4000-8000-000000000000/end', { reason: 'because' })).status,
      400,
    );
    assert.equal(
      (
        await internal('/events/00000000-0000-4000-8000-000000000000/health', {
          bitrateKbps: -1,
          fps: 30,
          droppedFrames: 0,
        })
      ).status,
      400,
    );
  });

  it('refuses an on-demand event and one whose stream does not open yet (409)', async () => {
    const c = await cp.seed();
    const vod = await schedule(c, -1000, CAP_MS, 'on-demand');
    assert.equal((await internal('/publish', { streamKey: vod.streamKey })).status, 409);
    const later = await schedule(c, 3_600_000, CAP_MS);
    const r = await internal('/publish', { streamKey: later.streamKey });
    assert.equal(r.status, 409);
    assert.match(((await r.json()) as { message: string }).message, /stream opens 15 min before/);
  });

  it('takes an event live, lists its key, shows the presenter OBS settings and health, and ends it at the cap', async () => {
    const c = await cp.seed();
    const e = await schedule(c, -500, CAP_MS);
    const keys = (
      (await (await internal('/stream-keys')).json()) as { keys: Array<{ streamKey: string; eventId: string }> }
    ).keys;
    assert.ok(keys.some((k) => k.streamKey === e.streamKey && k.eventId === e.id));
    const start = await internal('/publish', { streamKey: e.streamKey });
    assert.equal(start.status, 200);
    const s = (await start.json()) as {
      eventId: string;
      assetId: string;
      outputPrefix: string;
      keyUri: string;
      maxDurationMs: number;
      resumed: boolean;
    };
    assert.equal(s.eventId, e.id);
    assert.equal(s.maxDurationMs, CAP_MS);
    assert.equal(s.resumed, false);
    assert.match(s.keyUri, new RegExp(`/api/keys/${s.assetId}$`));
    // the presenter reconnecting: same recording
    const again = (await (await internal('/publish', { streamKey: e.streamKey })).json()) as {
      assetId: string;
      resumed: boolean;
    };
    assert.deepEqual([again.assetId, again.resumed], [s.assetId, true]);
    assert.equal(
      (
        await internal(`/events/${e.id}/health`, {
          bitrateKbps: 2500,
          fps: 29.9,
          droppedFrames: 3,
          width: 1280,
          height: 720,
        })
      ).status,
      204,
    );

    const owner = (await cp.api(c.organizer.token).get(`/api/events/${e.id}/live`)).body;
    assert.equal(owner.state, 'live');
    assert.deepEqual(owner.obs, { server: 'rtmp://ingest.example:1935/live', streamKey: e.streamKey });
    assert.equal(owner.rtmpUrl, `rtmp://ingest.example:1935/live/${e.streamKey}`);
    assert.equal(owner.health.bitrateKbps, 2500);
    assert.equal(owner.health.droppedFrames, 3);
    assert.equal(new Date(owner.cutoffAt).getTime() - new Date(owner.actualStartAt).getTime(), CAP_MS);
    const admin = (await cp.api(c.admin.token).get(`/api/events/${e.id}/live`)).body;
    assert.equal(admin.obs.streamKey, null, 'only the owning organizer sees the stream key');
    assert.equal(
      (await cp.api(c.organizer.token).get('/api/events/00000000-0000-4000-8000-000000000000/live')).status,
      404,
    );

    // the sweeper ends it at actual start + cap, and tells the live worker through Redis
    const ended = await eventually(
      async () => {
        const live = (await cp.api(c.organizer.token).get(`/api/events/${e.id}/live`)).body;
        assert.equal(live.state, 'ended');
        return live;
      },
      { timeout: 10_000, interval: 250, message: 'the sweeper to end the event at the cap' },
    );
    assert.equal(ended.endReason, 'duration-cap');
    assert.equal(await redis.get(liveEndedKey(cp.config.REDIS_PREFIX, e.id)), 'duration-cap');
    // ingest reporting the end afterwards is harmless; a publish is now refused
    assert.equal((await internal(`/events/${e.id}/end`, { reason: 'presenter-stopped' })).status, 200);
    assert.equal((await internal('/publish', { streamKey: e.streamKey })).status, 409);
  });
});
