import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamHealth } from '../src/stream-health';

describe('ingest health', () => {
  it('reports bitrate and frame rate over the interval, and frames missing from the video timeline', () => {
    const h = new StreamHealth(0, () => 30);
    for (let i = 0; i < 30; i++) if (i !== 10 && i !== 11) h.frame(Math.round((i * 1000) / 30));
    const r = h.report(1000, 250_000);
    assert.deepEqual(r, { bitrateKbps: 2000, fps: 28, droppedFrames: 2 });
    assert.equal(h.report(2000, 250_000).bitrateKbps, 0);
  });

  it("measures the keyframe interval from the encoder's keyframes", () => {
    const h = new StreamHealth(0, () => 30);
    assert.equal(h.report(100, 0).keyframeIntervalS, undefined);
    // a keyframe every 60 frames at 30 fps: a 2 s GOP, as OBS sends with its default "keyframe interval: 0 (auto)"
    for (let i = 0; i < 150; i++) h.frame(Math.round((i * 1000) / 30), i % 60 === 0);
    assert.equal(h.report(5000, 0).keyframeIntervalS, 2);
  });
});
