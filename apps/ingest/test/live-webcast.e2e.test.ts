import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { eventually } from '#test-support';
import { LiveStack, decodeHls, exited, openPlayer, publish, startLiveStack } from '#test-support/live-stack';

// Issue 5 end to end: ffmpeg publishes over RTMP as OBS does; ingest, the live workers (child processes), the control
// plane and S3 are real. Small pictures (640x360 source + a 240p rung) keep the CPU low.

describe('live webcasts', () => {
  let stack: LiveStack;
  before(async () => {
    stack = await startLiveStack({ graceMs: GRACE_MS, workers: 2 });
  });
  after(async () => {
    await stack?.close();
  });

  const rtmp = (key: string) => `rtmp://127.0.0.1:${stack.rtmpPort}/live/${key}`;
  const liveView = async (token: string, eventId: string) =>
    (await stack.cp.api(token).get(`/api/events/${eventId}/live`)).body;
  const GRACE_MS = 2000;

  it('20 s published with a valid key: live playlist, an independent ffmpeg decodes it, hls.js plays it, the replay lasts what was published', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    const token = customer.organizer.token;
    const view0 = await liveView(token, eventId);
    assert.equal(view0.obs.streamKey, streamKey);
    assert.equal(view0.rtmpUrl, rtmp(streamKey));
    await stack.keyCacheRefreshed();
    const publisher = publish(rtmp(streamKey), 20);
    const master = await eventually(
      async () => {
        const v = await liveView(token, eventId);
        if (v.state !== 'live' || !v.playback) return false;
        const r = await fetch(v.playback.liveMasterUrl);
        return r.ok ? { url: v.playback.liveMasterUrl as string, text: await r.text() } : false;
      },
      { timeout: 20_000, interval: 200, message: 'live master playlist' },
    );
    assert.match(master.text, /#EXT-X-STREAM-INF:.*RESOLUTION=640x360/);
    assert.match(master.text, /#EXT-X-STREAM-INF:.*RESOLUTION=426x240/);
    // ingest health reaches the presenter's view while the stream runs; the frame rate is what arrived, which a
    // publisher on a loaded machine may fall short of: only its presence is the point
    const withHealth = await eventually(
      async () => {
        const v = await liveView(token, eventId);
        assert.ok(v.health?.bitrateKbps > 0 && v.health.fps > 0, `health ${JSON.stringify(v.health)}`);
        return v;
      },
      { timeout: 10_000, interval: 200, message: 'ingest health' },
    );
    assert.equal(typeof withHealth.health.droppedFrames, 'number');
    const viewerToken = stack.playbackToken(eventId);
    // the raw stream is not for anyone who can reach ingest: only URLs ingest signed (the workers') play
    const unsigned = spawnSync('ffprobe', ['-v', 'error', '-rw_timeout', '5000000', '-show_streams', rtmp(streamKey)], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    assert.notEqual(unsigned.status, 0, 'an unsigned RTMP play is refused');

    // an independent ffmpeg client decodes the live stream from object storage, fetching the key with the token
    const live = await decodeHls(master.url.replace('master.m3u8', '360p/live.m3u8'), viewerToken, 3);
    assert.equal(live.code, 0, live.stderr);
    assert.ok(live.seconds >= 2, `decoded ${live.seconds} s of the live stream`);
    const rendition = await (await fetch(master.url.replace('master.m3u8', '360p/live.m3u8'))).text();
    assert.match(rendition, /#EXT-X-KEY:METHOD=AES-128,URI="[^"]+\/api\/keys\//);
    assert.doesNotMatch(rendition, /#EXT-X-ENDLIST/);
    // every segment a live playlist names is already in storage when the playlist is (uploaded before it)
    // (checked on two successive versions of the playlist, the second as soon as it appears)
    const renditionUrl = master.url.replace('master.m3u8', '240p/live.m3u8');
    let previous = '';
    for (let version = 0; version < 2; version++) {
      const text = await eventually(
        async () => {
          const t = await (await fetch(renditionUrl)).text();
          return t !== previous && t.includes('#EXTINF') ? t : false;
        },
        { timeout: 10_000, message: 'a new version of the live playlist' },
      );
      previous = text;
      const named = text.split('\n').filter((l) => l.endsWith('.ts'));
      assert.ok(named.length > 0);
      for (const uri of named) {
        assert.equal(
          (await fetch(new URL(uri, renditionUrl), { method: 'HEAD' })).status,
          200,
          `${uri} named before it was uploaded`,
        );
      }
    }

    // hls.js in headless Chromium plays it
    const player = await openPlayer(stack.webOrigin, master.url, viewerToken);
    try {
      await player.page.waitForFunction(
        () => (document.getElementById('v') as HTMLVideoElement).currentTime > 2,
        undefined,
        { timeout: 20_000 },
      );
      const state = await player.state();
      assert.equal(state.levels, 2);
      assert.deepEqual(
        state.errors.filter((e) => e.includes('fatal')),
        [],
      );
    } finally {
      await player.close();
    }

    assert.equal(await exited(publisher), 0);
    const ended = await eventually(
      async () => {
        const v = await liveView(token, eventId);
        return v.state === 'ended' ? v : false;
      },
      { timeout: 15_000, interval: 200, message: 'event ended after the reconnect grace' },
    );
    assert.equal(ended.endReason, 'presenter-stopped');
    const endedAt = Date.now();
    const replay: string = await eventually(
      async () => (await liveView(token, eventId)).playback?.replayMasterUrl ?? false,
      { timeout: 10_000, interval: 200, message: 'replay ready' },
    );
    assert.ok(Date.now() - endedAt <= 10_000, 'the replay plays on demand within 10 s of the end');
    const vod = await decodeHls(replay.replace('replay.m3u8', '360p/replay.m3u8'), viewerToken);
    assert.equal(vod.code, 0, vod.stderr);
    assert.ok(Math.abs(vod.seconds - 20) <= 1, `the replay decodes ${vod.seconds} s; 20 s were published`);
    const replayText = await (await fetch(replay.replace('replay.m3u8', '360p/replay.m3u8'))).text();
    assert.match(replayText, /#EXT-X-PLAYLIST-TYPE:VOD/);
    assert.match(replayText, /#EXT-X-ENDLIST/);
  });

  it('refuses an invalid key, a cancelled or ended event and a second live event of the organizer, and writes nothing', async () => {
    // Objects other streams write meanwhile (a previous test's recording finishing) are not these events' doing:
    // the check below looks for objects of the refused events' own assets.
    const before = new Set((await stack.storage.list('')).map((o) => o.key));
    const refusalsBefore = stack.refusals.length;
    const internal = (path: string, body: unknown) =>
      fetch(`${stack.cp.url}/api/internal/live${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.cp.config.INTERNAL_API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // cancelled
    const cancelled = await stack.liveEvent();
    assert.equal(
      (await stack.cp.api(cancelled.customer.organizer.token).post(`/api/events/${cancelled.eventId}/cancel`)).status,
      200,
    );
    // ended: it went live (through the internal API, no stream) and the organizer ended it
    const ended = await stack.liveEvent();
    assert.equal((await internal('/publish', { streamKey: ended.streamKey })).status, 200);
    assert.equal(
      (await stack.cp.api(ended.customer.organizer.token).post(`/api/events/${ended.eventId}/end`)).status,
      200,
    );
    // second live event: the organizer's first event is live, the second one opens its stream early (15 min before)
    const first = await stack.liveEvent({ startsInMs: -60_000, durationMs: 5 * 60_000 });
    const api = stack.cp.api(first.customer.organizer.token);
    const startsAt = new Date(Date.now() + 5 * 60_000);
    const second = await api.post('/api/events', {
      title: 'Second',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal((await internal('/publish', { streamKey: first.streamKey })).status, 200);
    const direct = await internal('/publish', { streamKey: second.body.streamKey });
    assert.equal(direct.status, 409);
    assert.match(((await direct.json()) as { message: string }).message, /already has a live event/);
    await stack.keyCacheRefreshed();

    const attempts = [
      { name: 'invalid key', key: 'not-a-stream-key-0123456789', reason: /unknown stream key/ },
      { name: 'cancelled event', key: cancelled.streamKey, reason: /unknown stream key|cancelled/ },
      { name: 'ended event', key: ended.streamKey, reason: /unknown stream key|ended/ },
      {
        name: 'second live event of the organizer',
        key: second.body.streamKey as string,
        reason: /409: the organizer already has a live event/,
      },
    ];
    for (const a of attempts) {
      const n = stack.refusals.length;
      const p = publish(rtmp(a.key), 6);
      await eventually(() => stack.refusals.length > n, { timeout: 10_000, message: `${a.name} refused` });
      assert.match(stack.refusals[n].reason, a.reason, a.name);
      await exited(p);
    }
    assert.equal(stack.refusals.length - refusalsBefore, 4);
    const refusedMetric = await stack.ingest.metrics.registry.getSingleMetricAsString(
      'ingest_publishers_refused_total',
    );
    assert.match(refusedMetric, /ingest_publishers_refused_total\{stage="cache"\} 3/);
    assert.match(refusedMetric, /ingest_publishers_refused_total\{stage="control-plane"\} 1/);
    // nothing written: no live job for any of them, no new object in storage, states unchanged
    for (const e of [cancelled.eventId, ended.eventId, second.body.id as string]) {
      assert.equal(await stack.liveJobState(e), null);
    }
    const refusedAssets = (
      await stack.cp.db.query<{ id: string }>('SELECT id FROM media_assets WHERE event_id = ANY($1)', [
        [cancelled.eventId, ended.eventId, second.body.id],
      ])
    ).map((r) => r.id);
    const written = (await stack.storage.list('')).map((o) => o.key).filter((k) => !before.has(k));
    assert.deepEqual(
      written.filter((k) => refusedAssets.some((id) => k.includes(id)) || k.includes(ended.streamKey)),
      [],
      'no object of a refused stream',
    );
    const states = await Promise.all([
      stack.cp.api(cancelled.customer.organizer.token).get(`/api/events/${cancelled.eventId}`),
      stack.cp.api(ended.customer.organizer.token).get(`/api/events/${ended.eventId}`),
      api.get(`/api/events/${second.body.id}`),
    ]);
    assert.deepEqual(
      states.map((s) => s.body.state),
      ['cancelled', 'ended', 'scheduled'],
    );
    await stack.cp.api(first.customer.organizer.token).post(`/api/events/${first.eventId}/end`);
  });

  it('kill -9 of the live worker mid-stream: another worker resumes and the playlist goes on within 10 s', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    const token = customer.organizer.token;
    await stack.keyCacheRefreshed();
    const publisher = publish(rtmp(streamKey), 30);
    const players: Array<{ close(): Promise<void> }> = [];
    try {
      const liveUrl = await eventually(
        async () => {
          const v = await liveView(token, eventId);
          if (!v.playback) return false;
          const url = (v.playback.liveMasterUrl as string).replace('master.m3u8', '360p/live.m3u8');
          return (await fetch(url)).ok && url;
        },
        { timeout: 20_000, interval: 200, message: 'live playlist' },
      );
      const segmentsIn = async () => {
        const text = await (await fetch(liveUrl)).text();
        const seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
        return { count: seq + (text.match(/#EXTINF/g) ?? []).length, text };
      };
      await eventually(async () => (await segmentsIn()).count >= 3, {
        timeout: 15_000,
        interval: 200,
        message: 'a few segments',
      });
      const player = await openPlayer(
        stack.webOrigin,
        liveUrl.replace('360p/live.m3u8', 'master.m3u8'),
        stack.playbackToken(eventId),
      );
      players.push(player);
      await player.page.waitForFunction(
        () => (document.getElementById('v') as HTMLVideoElement).currentTime > 1,
        undefined,
        { timeout: 20_000 },
      );
      const pid = await stack.workerPidOf(eventId);
      assert.ok(pid, 'a worker holds the stream');
      process.kill(pid, 'SIGKILL');
      const killedAt = Date.now();
      const atKill = (await segmentsIn()).count;
      const resumed = await eventually(
        async () => {
          const s = await segmentsIn();
          return s.count > atKill && s.text.includes('#EXT-X-DISCONTINUITY') && s;
        },
        { timeout: 15_000, interval: 200, message: 'stream resumed by another worker' },
      );
      const gap = (Date.now() - killedAt) / 1000;
      assert.ok(gap <= 10, `the playlist went on ${gap} s after the kill`);
      assert.notEqual(await stack.workerPidOf(eventId), pid);
      assert.ok(resumed.count > atKill);
      // the viewer kept playing: past the gap and into the resumed segments, without a fatal error
      const playedAtResume = await player.currentTime();
      await eventually(async () => (await player.currentTime()) > playedAtResume + 3, {
        timeout: 15_000,
        interval: 200,
        message: 'viewer plays on after the resume',
      });
      assert.deepEqual(
        (await player.state()).errors.filter((e) => e.includes('fatal')),
        [],
      );
    } finally {
      for (const p of players) await p.close();
      publisher.kill('SIGINT');
      await exited(publisher);
      stack.startWorker(); // keep two workers for whatever runs next
    }
  });

  it('a presenter who reconnects within the grace resumes the same event and recording; the organizer ending it drops the publisher', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    const api = stack.cp.api(customer.organizer.token);
    await stack.keyCacheRefreshed();
    assert.equal(await exited(publish(rtmp(streamKey), 6)), 0);
    const droppedAt = Date.now();
    const first = await liveView(customer.organizer.token, eventId);
    assert.equal(first.state, 'live');
    const again = publish(rtmp(streamKey), 30); // within the 2 s grace
    // Had the grace run out, ingest would have ended the stream at droppedAt + grace and reported no health after
    // it: a health report a second later than that shows the stream went on.
    const during = await eventually(
      async () => {
        const v = await liveView(customer.organizer.token, eventId);
        const reportedAt = Date.parse(v.health?.reportedAt ?? '');
        return v.health?.fps > 0 && reportedAt > droppedAt + GRACE_MS + 1000 && v;
      },
      { timeout: 15_000, interval: 200, message: 'health reported by the resumed publisher after the grace' },
    );
    assert.equal(during.state, 'live');
    assert.equal(during.playback.assetId, first.playback.assetId, 'the same recording');
    assert.equal(during.actualStartAt, first.actualStartAt);
    const endedAt = Date.now();
    assert.equal((await api.post(`/api/events/${eventId}/end`)).status, 200);
    assert.notEqual(await exited(again), 0, 'ingest dropped the publisher');
    assert.ok(Date.now() - endedAt < 10_000, 'within a few key-cache refreshes');
    const replay: string = await eventually(
      async () => (await liveView(customer.organizer.token, eventId)).playback?.replayMasterUrl ?? false,
      { timeout: 15_000, interval: 200, message: 'replay ready' },
    );
    const vod = await decodeHls(replay.replace('replay.m3u8', '360p/replay.m3u8'), stack.playbackToken(eventId));
    assert.equal(vod.code, 0, vod.stderr);
    assert.ok(vod.seconds >= 8, `the replay holds both publishes (${vod.seconds} s)`);
  });
});
