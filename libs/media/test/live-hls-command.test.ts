import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  avcCodecStringOf,
  buildLiveHlsCommand,
  chooseLiveLadder,
  parseLiveProbe,
  probeArgs,
  probeSourceArgs,
  rungsFor,
  toArgv,
} from '#media';

// The live transcoder's ffmpeg side, pure: probing the published stream, ladder choice, the ffmpeg command.

const probe1080 = {
  format: { format_name: 'flv', probe_score: 100 },
  streams: [
    {
      codec_type: 'video',
      codec_name: 'h264',
      profile: 'High',
      level: 42,
      width: 1920,
      height: 1080,
      avg_frame_rate: '30/1',
      r_frame_rate: '30/1',
      bit_rate: '6000000',
    },
    { codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' },
  ],
};

describe('live ladder', () => {
  it('passes an H.264 source through as the top rung and transcodes the standard rungs below it', () => {
    const ladder = chooseLiveLadder(parseLiveProbe(probe1080), rungsFor([720, 480, 360]));
    assert.deepEqual(
      ladder.renditions.map((r) => [r.name, r.passthrough]),
      [
        ['1080p', true],
        ['720p', false],
        ['480p', false],
        ['360p', false],
      ],
    );
    assert.equal(ladder.renditions[0].videoCodec, 'avc1.64002a');
    assert.equal(ladder.renditions[0].videoKbps, 6000);
    assert.equal(ladder.audio?.copy, true);
  });

  it('never upscales: a 360p source gets only the rungs below it', () => {
    const p = structuredClone(probe1080);
    Object.assign(p.streams[0], { width: 640, height: 360 });
    assert.deepEqual(
      chooseLiveLadder(parseLiveProbe(p), rungsFor([720, 480, 360, 240])).renditions.map((r) => r.name),
      ['360p', '240p'],
    );
  });

  it('transcodes every rung of a source that is not H.264', () => {
    const p = structuredClone(probe1080);
    Object.assign(p.streams[0], { codec_name: 'hevc' });
    const ladder = chooseLiveLadder(parseLiveProbe(p), rungsFor([1080, 720]));
    assert.deepEqual(
      ladder.renditions.map((r) => [r.name, r.passthrough]),
      [
        ['1080p', false],
        ['720p', false],
      ],
    );
  });

  it('names H.264 profiles as RFC 6381 codec strings', () => {
    assert.equal(avcCodecStringOf('Main', 31), 'avc1.4d401f');
    assert.equal(avcCodecStringOf('Constrained Baseline', 30), 'avc1.42e01e');
    assert.equal(avcCodecStringOf('Weird', 30), undefined);
  });
});

describe('live HLS command', () => {
  const ladder = chooseLiveLadder(parseLiveProbe(probe1080), rungsFor([720, 360]));
  const argv = toArgv(
    buildLiveHlsCommand({
      input: 'rtmp://ingest/live/k',
      outDir: '/w',
      ladder,
      segmentSeconds: 2,
      keyInfoFile: '/w/key.info',
      runId: 'r1',
      preset: 'veryfast',
      inputTimeoutMs: 45_000,
    }),
  );
  const after = (flag: string) => argv[argv.indexOf(flag) + 1];

  it('copies the top rung and encodes the others from one decode, keyframes where the source has them', () => {
    assert.equal(after('-c:v:0'), 'copy');
    assert.equal(after('-c:v:1'), 'libx264');
    assert.equal(after('-force_key_frames:v:1'), 'source');
    assert.equal(
      after('-filter_complex'),
      '[0:v:0]split=2[s1][s2];[s1]scale=1280:720:flags=bicubic,setsar=1,format=yuv420p[v1];[s2]scale=640:360:flags=bicubic,setsar=1,format=yuv420p[v2]',
    );
    assert.equal(after('-c:a'), 'copy');
  });

  it('writes 2 s AES-128 MPEG-TS segments named after the run, one playlist per rendition', () => {
    assert.equal(after('-hls_time'), '2');
    assert.equal(after('-hls_key_info_file'), '/w/key.info');
    assert.equal(after('-hls_segment_filename'), '/w/%v/r1_%d.ts');
    assert.equal(after('-var_stream_map'), 'v:0,a:0,name:1080p v:1,a:1,name:720p v:2,a:2,name:360p');
    assert.equal(after('-rw_timeout'), '45000000');
  });
});

describe('ffprobe arguments', () => {
  it('asks for the format and every stream as JSON', () => {
    assert.deepEqual(probeArgs('/tmp/in.mp4'), [
      '-v',
      'error',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      '/tmp/in.mp4',
    ]);
  });

  it('reads an uploaded file as a local file only, with warnings (where data references show)', () => {
    assert.deepEqual(probeSourceArgs('/tmp/in.mp4'), [
      '-v',
      'warning',
      '-protocol_whitelist',
      'file',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      '/tmp/in.mp4',
    ]);
  });

  it('bounds the wait for a live stream in microseconds', () => {
    const args = probeArgs('rtmp://ingest/live/k', { inputTimeoutMs: 10_000 });
    assert.equal(args[args.indexOf('-rw_timeout') + 1], '10000000');
    assert.equal(args.at(-1), 'rtmp://ingest/live/k');
  });
});
