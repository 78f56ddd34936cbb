import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '#test-support';
import { LiveStack, decodeHls, exited, publish, startLiveStack } from '#test-support/live-stack';

// The cap with a test setting of 20 s (EVENT_MAX_DURATION; the product's is 8 h): the event may also be scheduled for
// at most that long, so it is scheduled for exactly 20 s.
const CAP_S = 20;

describe('live cap', () => {
  let stack: LiveStack;
  before(async () => {
    stack = await startLiveStack({ capMs: CAP_S * 1000, workers: 1 });
  });
  after(async () => {
    await stack?.close();
  });

  it(`drops the publisher at actual start + ${CAP_S} s and the replay ends there`, async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent({ startsInMs: -1000, durationMs: CAP_S * 1000 });
    const api = stack.cp.api(customer.organizer.token);
    await stack.keyCacheRefreshed();
    const publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${streamKey}`, CAP_S + 15);
    const publisherStart = Date.now();
    const code = await exited(publisher);
    const publishedS = (Date.now() - publisherStart) / 1000;
    assert.notEqual(code, 0, 'ffmpeg lost its connection before its 35 s were out');
    const view = (await api.get(`/api/events/${eventId}/live`)).body;
    assert.equal(view.state, 'ended');
    assert.equal(view.endReason, 'duration-cap');
    const cutoff = new Date(view.cutoffAt).getTime();
    assert.equal(cutoff - new Date(view.actualStartAt).getTime(), CAP_S * 1000);
    assert.ok(publishedS < CAP_S + 5, `the publisher was dropped after ${publishedS} s`);
    const replay: string = await eventually(
      async () => (await api.get(`/api/events/${eventId}/live`)).body.playback?.replayMasterUrl ?? false,
      { timeout: 15_000, interval: 200, message: 'replay ready' },
    );
    const vod = await decodeHls(replay.replace('replay.m3u8', '360p/replay.m3u8'), stack.playbackToken(eventId));
    assert.equal(vod.code, 0, vod.stderr);
    assert.ok(
      vod.seconds <= CAP_S + 1 && vod.seconds >= CAP_S - 3,
      `the replay lasts ${vod.seconds} s; the cap is ${CAP_S} s`,
    );
  });
});
