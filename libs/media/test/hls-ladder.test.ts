import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceInfo, avcCodecString, chooseLadder } from '#media';

function video(w: number, h: number, extra: Partial<NonNullable<SourceInfo['video']>> = {}): SourceInfo {
  return {
    formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationS: 10,
    sizeBytes: 1,
    video: {
      codec: 'h264',
      width: w,
      height: h,
      displayWidth: w,
      displayHeight: h,
      rotation: 0,
      fps: 30,
      variableFrameRate: false,
      ...extra,
    },
    audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
  };
}

const sizes = (s: SourceInfo) => chooseLadder(s).video.map((r) => `${r.width}x${r.height}`);

describe('the HLS ladder', () => {
  it('gives a 1080p source the four rungs 1080p, 720p, 480p and 360p', () => {
    assert.deepEqual(sizes(video(1920, 1080)), ['1920x1080', '1280x720', '854x480', '640x360']);
  });

  it('never upscales: a 720p source stops at 720p, a 4K source tops out at 1080p', () => {
    assert.deepEqual(sizes(video(1280, 720)), ['1280x720', '854x480', '640x360']);
    assert.deepEqual(sizes(video(3840, 2160)), ['1920x1080', '1280x720', '854x480', '640x360']);
  });

  it('gives a source smaller than the lowest rung one rendition at its own size, rounded down to even', () => {
    assert.deepEqual(sizes(video(321, 241)), ['320x240']);
    assert.deepEqual(sizes(video(640, 360)), ['640x360']);
  });

  it('keeps odd aspect ratios and makes every side even', () => {
    const l = chooseLadder(video(1001, 563));
    assert.deepEqual(
      l.video.map((r) => r.name),
      ['480p', '360p'],
    );
    for (const r of l.video) assert.ok(r.width % 2 === 0 && r.height % 2 === 0, `${r.width}x${r.height}`);
    assert.deepEqual(sizes(video(1001, 563)), ['854x480', '640x360']);
  });

  it('applies rotation: a phone video stored 1920x1080 rotated 90 degrees gets portrait renditions', () => {
    const s = video(1920, 1080, { displayWidth: 1080, displayHeight: 1920, rotation: 90 });
    assert.deepEqual(sizes(s), ['1080x1920', '720x1280', '480x854', '360x640']);
  });

  it('re-times a variable-frame-rate source to a constant rate, and caps the rate at 60', () => {
    const vfr = chooseLadder(video(1280, 720, { fps: 29.97, variableFrameRate: true }));
    assert.equal(vfr.forceConstantFrameRate, true);
    assert.equal(vfr.fps, 29.97);
    const fast = chooseLadder(video(1280, 720, { fps: 120 }));
    assert.equal(fast.fps, 60);
    assert.equal(fast.forceConstantFrameRate, true);
    assert.equal(chooseLadder(video(1280, 720)).forceConstantFrameRate, false);
  });

  it('gives an audio-only source no video rendition and keeps the audio', () => {
    const l = chooseLadder({
      formatName: 'mp3',
      durationS: 5,
      sizeBytes: 1,
      audio: { codec: 'mp3', channels: 2, sampleRate: 44100 },
    });
    assert.deepEqual(l.video, []);
    assert.equal(l.audio?.codec, 'mp4a.40.2');
  });

  it('gives a video-only source renditions without audio', () => {
    const s = video(854, 480);
    delete s.audio;
    const l = chooseLadder(s);
    assert.equal(l.audio, undefined);
    assert.equal(l.video.length, 2);
  });

  it('names the H.264 profile and level in RFC 6381 form', () => {
    assert.equal(avcCodecString('high', '4.0'), 'avc1.640028');
    assert.equal(avcCodecString('main', '3.1'), 'avc1.4d401f');
    const l = chooseLadder(video(1920, 1080));
    assert.equal(l.video[0].videoCodec, 'avc1.640028');
    assert.equal(l.video[3].videoCodec, 'avc1.4d401f');
    assert.equal(chooseLadder(video(1920, 1080, { fps: 60 })).video[0].level, '4.2');
  });
});
