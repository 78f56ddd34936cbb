import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SourceInfo,
  buildPosterCommand,
  buildVodHlsCommand,
  chooseLadder,
  hlsKeyInfo,
  renditionNames,
  toArgv,
} from '#media';

const source: SourceInfo = {
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationS: 8,
  sizeBytes: 1,
  video: {
    codec: 'h264',
    width: 1920,
    height: 1080,
    displayWidth: 1920,
    displayHeight: 1080,
    rotation: 0,
    fps: 30,
    variableFrameRate: false,
  },
  audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
};

function valueAfter(argv: string[], flag: string): string {
  const i = argv.indexOf(flag);
  assert.ok(i >= 0, `${flag} missing`);
  return argv[i + 1];
}

describe('the VOD HLS ffmpeg command', () => {
  const ladder = chooseLadder(source);
  const argv = toArgv(
    buildVodHlsCommand({
      input: '/in/source',
      inputFormat: source.formatName,
      outDir: '/out',
      ladder,
      segmentSeconds: 4,
      keyInfoFile: '/tmp/key.info',
    }),
  );

  it('decodes the source once and scales each rung from the rung above it', () => {
    assert.equal(argv.filter((a) => a === '-i').length, 1);
    assert.equal(
      valueAfter(argv, '-filter_complex'),
      [
        '[0:v:0]scale=1920:1080:flags=bicubic,setsar=1,format=yuv420p,split=2[v0][c0]',
        '[c0]scale=1280:720:flags=bicubic,setsar=1,split=2[v1][c1]',
        '[c1]scale=854:480:flags=bicubic,setsar=1,split=2[v2][c2]',
        '[c2]scale=640:360:flags=bicubic,setsar=1[v3]',
      ].join(';'),
    );
    assert.deepEqual(
      argv.filter((a, i) => argv[i - 1] === '-map' && a.startsWith('[')),
      ['[v0]', '[v1]', '[v2]', '[v3]'],
    );
  });

  it('forces keyframes at the same instants in every rendition, so segments line up', () => {
    assert.equal(valueAfter(argv, '-force_key_frames'), 'expr:gte(t,n_forced*4)');
    assert.equal(valueAfter(argv, '-sc_threshold'), '0');
    assert.equal(valueAfter(argv, '-g'), '120');
  });

  it('writes AES-128 MPEG-TS segments, one folder per rung, with audio muxed into each', () => {
    assert.equal(valueAfter(argv, '-hls_segment_type'), 'mpegts');
    assert.equal(valueAfter(argv, '-hls_flags'), 'independent_segments+temp_file');
    assert.equal(valueAfter(argv, '-hls_key_info_file'), '/tmp/key.info');
    assert.equal(
      valueAfter(argv, '-var_stream_map'),
      'v:0,a:0,name:1080p v:1,a:1,name:720p v:2,a:2,name:480p v:3,a:3,name:360p',
    );
    assert.equal(argv.at(-1), '/out/%v/index.m3u8');
    assert.deepEqual(renditionNames(ladder), ['1080p', '720p', '480p', '360p']);
    assert.equal(valueAfter(argv, '-b:v:3'), '800k');
  });

  it('re-times a VFR source before the split', () => {
    const vfr = chooseLadder({ ...source, video: { ...source.video!, variableFrameRate: true, fps: 25 } });
    const a = toArgv(
      buildVodHlsCommand({ input: 'i', inputFormat: 'mov', outDir: 'o', ladder: vfr, segmentSeconds: 4 }),
    );
    assert.match(valueAfter(a, '-filter_complex'), /^\[0:v:0\]fps=25,scale=1920:1080/);
    assert.ok(!a.includes('-hls_key_info_file'));
  });

  it('maps only audio for an audio-only source', () => {
    const l = chooseLadder({ ...source, video: undefined });
    const a = toArgv(buildVodHlsCommand({ input: 'i', inputFormat: 'mov', outDir: 'o', ladder: l, segmentSeconds: 4 }));
    assert.ok(!a.includes('-filter_complex'));
    assert.equal(valueAfter(a, '-var_stream_map'), 'a:0,name:audio');
  });

  it('writes the key info file as URI, key path and optional IV', () => {
    assert.equal(hlsKeyInfo('https://x/api/keys/a', '/tmp/k'), 'https://x/api/keys/a\n/tmp/k\n');
    assert.throws(() => hlsKeyInfo('a\nb', '/k'));
  });

  it('takes the poster a little into the video', () => {
    const p = toArgv(buildPosterCommand('in', 'out.jpg', source));
    assert.equal(valueAfter(p, '-ss'), '0.800');
    assert.equal(valueAfter(p, '-frames:v'), '1');
  });

  it('opens the source as a local file only, with the demuxer the probe chose', () => {
    const confined = ['-protocol_whitelist', 'file', '-f', 'mov', '-i'];
    const beforeInput = (a: string[], input: string) => a.slice(a.indexOf(input) - confined.length, a.indexOf(input));
    assert.deepEqual(beforeInput(argv, '/in/source'), confined);
    assert.deepEqual(beforeInput(toArgv(buildPosterCommand('in', 'out.jpg', source)), 'in'), confined);
  });
});
