import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordedSegment } from '#contracts';
import { LiveLadder, closeLiveRecording, parseMediaPlaylist } from '#media';

const rendition = (name: string, height: number) => ({
  name,
  width: Math.round((height * 16) / 9),
  height,
  fps: 30,
  videoKbps: 400,
  maxrateKbps: 480,
  bufsizeKbps: 800,
  profile: 'main' as const,
  level: '3.0',
  videoCodec: 'avc1.4d401e',
  passthrough: false,
});
const ladder: LiveLadder = {
  renditions: [rendition('360p', 360), rendition('240p', 240)],
  audio: { copy: true, kbps: 128, codec: 'mp4a.40.2', channels: 2 },
  fps: 30,
};
const seg = (i: number, duration = 1): RecordedSegment => ({
  uri: `seg-${i}.ts`,
  duration,
  bytes: 50_000,
  discontinuity: false,
  iv: '0x0000000000000000000000000000000a',
});
const closing = {
  eventId: 'e1',
  assetId: 'a1',
  outputPrefix: 'assets/a1/live/',
  keyUri: 'https://example.test/api/keys/a1',
  segmentSeconds: 1,
  ladder,
  endReason: 'transcoding-failed',
};

describe('closing a live recording', () => {
  it('writes VOD replay and ENDLIST live playlists of the stored segments, a replay master, and their duration', () => {
    const { objects, result } = closeLiveRecording({
      ...closing,
      recorded: [
        [seg(0), seg(1), seg(2, 0.5)],
        [seg(0), seg(1), seg(2, 0.5)],
      ],
    });
    const byKey = new Map(objects.map((o) => [o.key, o.body]));
    assert.deepEqual(
      [...byKey.keys()].sort(),
      [
        'assets/a1/live/240p/live.m3u8',
        'assets/a1/live/240p/replay.m3u8',
        'assets/a1/live/360p/live.m3u8',
        'assets/a1/live/360p/replay.m3u8',
        'assets/a1/live/replay.m3u8',
      ].sort(),
    );
    const replay = byKey.get('assets/a1/live/360p/replay.m3u8')!;
    assert.match(replay, /#EXT-X-PLAYLIST-TYPE:VOD/);
    assert.match(replay, /#EXT-X-ENDLIST\n$/);
    assert.deepEqual(
      parseMediaPlaylist(replay).map((s) => s.uri),
      ['seg-0.ts', 'seg-1.ts', 'seg-2.ts'],
    );
    assert.match(byKey.get('assets/a1/live/240p/live.m3u8')!, /#EXT-X-ENDLIST\n$/);
    assert.match(byKey.get('assets/a1/live/replay.m3u8')!, /360p\/replay\.m3u8/);
    assert.equal(result.durationS, 2.5);
    assert.equal(result.masterKey, 'assets/a1/live/replay.m3u8');
    assert.equal(result.totalBytes, 300_000);
    assert.deepEqual(
      result.renditions.map((r) => r.playlistKey),
      ['assets/a1/live/360p/replay.m3u8', 'assets/a1/live/240p/replay.m3u8'],
    );
  });

  it('keeps the live window when told one, so a closed live playlist names only its newest segments', () => {
    const { objects } = closeLiveRecording({
      ...closing,
      windowSize: 2,
      recorded: [[seg(0), seg(1), seg(2)], [seg(0)]],
    });
    const live = objects.find((o) => o.key === 'assets/a1/live/360p/live.m3u8')!.body;
    assert.deepEqual(
      parseMediaPlaylist(live).map((s) => s.uri),
      ['seg-1.ts', 'seg-2.ts'],
    );
  });

  it('writes nothing and reports no duration when no segment was stored', () => {
    for (const c of [
      { ...closing, recorded: [[], []] },
      { ...closing, ladder: null, recorded: [] },
    ]) {
      const { objects, result } = closeLiveRecording(c);
      assert.deepEqual(objects, []);
      assert.equal(result.durationS, 0);
    }
  });
});
