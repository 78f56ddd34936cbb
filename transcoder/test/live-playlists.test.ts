import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordedSegment } from '#contracts';
import { parseFfmpegPlaylist, renderMediaPlaylist } from '../src/live/live-playlists';

// The playlists viewers read, written by the live worker from what ffmpeg wrote locally.

describe('live playlists', () => {
  const seg = (i: number, o: Partial<RecordedSegment> = {}): RecordedSegment => ({
    uri: `a_${i}.ts`,
    duration: 2,
    bytes: 1000,
    discontinuity: false,
    iv: '0x01',
    ...o,
  });

  it('reads the segments and IVs of the playlist ffmpeg writes', () => {
    const text =
      '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x00ff\n#EXTINF:2.000000,\na_0.ts\n#EXTINF:1.500000,\na_1.ts\n';
    assert.deepEqual(parseFfmpegPlaylist(text), [
      { uri: 'a_0.ts', duration: 2, iv: '0x00ff' },
      { uri: 'a_1.ts', duration: 1.5, iv: '0x00ff' },
    ]);
  });

  it("carries each segment's wall clock (EXT-X-PROGRAM-DATE-TIME) from ffmpeg's playlist into the viewers'", () => {
    const text =
      '#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x01\n#EXT-X-PROGRAM-DATE-TIME:2026-12-02T19:00:00.500+0000\n#EXTINF:1.000000,\na_0.ts\n#EXT-X-PROGRAM-DATE-TIME:2026-12-02T19:00:01.500+0100\n#EXTINF:1.000000,\na_1.ts\n#EXTINF:1.000000,\na_2.ts\n';
    const parsed = parseFfmpegPlaylist(text);
    assert.deepEqual(
      parsed.map((s) => s.programDateTime),
      ['2026-12-02T19:00:00.500Z', '2026-12-02T18:00:01.500Z', undefined],
    );
    const out = renderMediaPlaylist(
      parsed.map((s) => ({ ...s, bytes: 1, discontinuity: false })),
      { keyUri: 'k', ended: false, minTargetDuration: 1 },
    );
    assert.match(out, /#EXT-X-PROGRAM-DATE-TIME:2026-12-02T19:00:00.500Z\n#EXTINF:1.000,\na_0.ts\n/);
    assert.equal(out.match(/PROGRAM-DATE-TIME/g)?.length, 2);
  });

  it('slides a window over the recording, counting the segments and discontinuities that left it', () => {
    const all = [
      seg(0),
      seg(1),
      seg(2, { discontinuity: true, iv: '0x02' }),
      seg(3, { iv: '0x02' }),
      seg(4, { discontinuity: true, iv: '0x03' }),
      seg(5, { iv: '0x03' }),
    ];
    const text = renderMediaPlaylist(all, {
      keyUri: 'https://cp/api/keys/a',
      windowSize: 3,
      ended: false,
      minTargetDuration: 2,
    });
    assert.match(text, /#EXT-X-MEDIA-SEQUENCE:3\n/);
    assert.match(text, /#EXT-X-DISCONTINUITY-SEQUENCE:1\n/);
    assert.deepEqual(
      text.split('\n').filter((l) => l.endsWith('.ts')),
      ['a_3.ts', 'a_4.ts', 'a_5.ts'],
    );
    assert.match(
      text,
      /#EXT-X-KEY:METHOD=AES-128,URI="https:\/\/cp\/api\/keys\/a",IV=0x02\n#EXTINF:2.000,\na_3.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-KEY:METHOD=AES-128,URI="https:\/\/cp\/api\/keys\/a",IV=0x03\n/,
    );
    assert.doesNotMatch(text, /ENDLIST/);
  });

  it('writes the full recording as a VOD playlist with an end', () => {
    const text = renderMediaPlaylist([seg(0), seg(1, { duration: 2.4 })], {
      keyUri: 'k',
      ended: true,
      type: 'VOD',
      minTargetDuration: 2,
    });
    assert.match(text, /#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n/);
    assert.match(text, /#EXT-X-ENDLIST\n$/);
  });
});
