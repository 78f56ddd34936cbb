import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capWarning, keyframeIntervalTooLong, streamStatus, STREAM_STALE_AFTER_MS } from '../src/green-room';

describe('green room: stream status', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('a scheduled event waits for OBS; an ended or cancelled one is ended', () => {
    assert.equal(streamStatus({ state: 'scheduled', healthReportedAt: null, now }), 'waiting-for-obs');
    assert.equal(streamStatus({ state: 'ended', healthReportedAt: ago(1000), now }), 'ended');
    assert.equal(streamStatus({ state: 'cancelled', healthReportedAt: null, now }), 'ended');
  });

  it('a live event is live while ingest reports, reconnecting once reports stop', () => {
    assert.equal(streamStatus({ state: 'live', healthReportedAt: ago(4000), now }), 'live');
    assert.equal(streamStatus({ state: 'live', healthReportedAt: ago(STREAM_STALE_AFTER_MS), now }), 'live');
    assert.equal(
      streamStatus({ state: 'live', healthReportedAt: ago(STREAM_STALE_AFTER_MS + 1), now }),
      'reconnecting',
    );
    assert.equal(streamStatus({ state: 'live', healthReportedAt: null, now }), 'reconnecting');
  });
});

describe('green room: warnings', () => {
  it('warns 15 minutes and then 5 minutes before the cap', () => {
    assert.equal(capWarning(15 * 60_000 + 1), null);
    assert.equal(capWarning(15 * 60_000), 15);
    assert.equal(capWarning(5 * 60_000 + 1), 15);
    assert.equal(capWarning(5 * 60_000), 5);
    assert.equal(capWarning(-1), 5);
  });

  it('a keyframe interval longer than a segment is too long for low latency', () => {
    assert.equal(keyframeIntervalTooLong(undefined, 2), false);
    assert.equal(keyframeIntervalTooLong(1, 1), false);
    assert.equal(keyframeIntervalTooLong(2, 2), false);
    assert.equal(keyframeIntervalTooLong(2, 1), true);
    assert.equal(keyframeIntervalTooLong(4, 2), true);
  });
});
