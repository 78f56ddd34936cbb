import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMasterPlaylist, measureBandwidth, parseMediaPlaylist } from '#media';

describe('the master playlist', () => {
  it('lists every variant with BANDWIDTH, AVERAGE-BANDWIDTH, RESOLUTION and CODECS, highest first', () => {
    const text = buildMasterPlaylist([
      {
        uri: '360p/index.m3u8',
        bandwidth: 900_000.4,
        averageBandwidth: 850_000,
        codecs: ['avc1.4d401f', 'mp4a.40.2'],
        resolution: { width: 640, height: 360 },
      },
      {
        uri: '1080p/index.m3u8',
        bandwidth: 5_400_000,
        averageBandwidth: 5_000_000,
        codecs: ['avc1.640028', 'mp4a.40.2'],
        resolution: { width: 1920, height: 1080 },
        frameRate: 30,
      },
    ]);
    assert.equal(
      text,
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-STREAM-INF:BANDWIDTH=5400000,AVERAGE-BANDWIDTH=5000000,RESOLUTION=1920x1080,FRAME-RATE=30.000,CODECS="avc1.640028,mp4a.40.2"',
        '1080p/index.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=900001,AVERAGE-BANDWIDTH=850000,RESOLUTION=640x360,CODECS="avc1.4d401f,mp4a.40.2"',
        '360p/index.m3u8',
      ].join('\n') + '\n',
    );
  });

  it('reads segment durations from a media playlist', () => {
    const segs = parseMediaPlaylist(
      '#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k"\n#EXTINF:4.000000,\nseg_00000.ts\n#EXTINF:2.5,\nseg_00001.ts\n#EXT-X-ENDLIST\n',
    );
    assert.deepEqual(segs, [
      { uri: 'seg_00000.ts', durationS: 4 },
      { uri: 'seg_00001.ts', durationS: 2.5 },
    ]);
  });

  it('takes BANDWIDTH as the peak segment bitrate and AVERAGE-BANDWIDTH over the whole rendition', () => {
    const bw = measureBandwidth([
      { durationS: 4, bytes: 500_000 },
      { durationS: 4, bytes: 1_000_000 },
      { durationS: 0.2, bytes: 10_000 },
    ]);
    assert.equal(bw.peak, 2_000_000);
    assert.equal(Math.round(bw.average), Math.round((1_510_000 * 8) / 8.2));
  });
});
