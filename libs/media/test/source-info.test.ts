import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnplayableMediaError, describeProbeFailure, parseProbe } from '#media';

const mp4 = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '8.000000', size: '1000', probe_score: 100 };

describe('reading ffprobe output', () => {
  it('finds video and audio, the displayed size and the frame rate', () => {
    const s = parseProbe({
      format: mp4,
      streams: [
        {
          codec_type: 'video',
          codec_name: 'h264',
          width: 1920,
          height: 1080,
          avg_frame_rate: '30/1',
          r_frame_rate: '30/1',
          sample_aspect_ratio: '1:1',
        },
        { codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' },
      ],
    });
    assert.equal(s.durationS, 8);
    assert.deepEqual(
      [s.video?.displayWidth, s.video?.displayHeight, s.video?.fps, s.video?.variableFrameRate],
      [1920, 1080, 30, false],
    );
    assert.equal(s.audio?.channels, 2);
  });

  it('applies rotation from the display matrix and detects a variable frame rate', () => {
    const s = parseProbe({
      format: mp4,
      streams: [
        {
          codec_type: 'video',
          codec_name: 'h264',
          width: 1920,
          height: 1080,
          avg_frame_rate: '2997/100',
          r_frame_rate: '60/1',
          side_data_list: [{ rotation: -90 }],
        },
      ],
    });
    assert.deepEqual(
      [s.video?.displayWidth, s.video?.displayHeight, s.video?.rotation, s.video?.variableFrameRate],
      [1080, 1920, 270, true],
    );
    assert.equal(s.audio, undefined);
  });

  it('refuses a text file (ffprobe reads it as tty/ansi), a low-confidence guess, and a file without tracks', () => {
    assert.throws(
      () =>
        parseProbe({
          format: { format_name: 'tty', duration: '1', probe_score: 51 },
          streams: [{ codec_type: 'video', codec_name: 'ansi', width: 640, height: 400 }],
        }),
      UnplayableMediaError,
    );
    assert.throws(
      () =>
        parseProbe({
          format: { format_name: 'mp3', duration: '3', probe_score: 24 },
          streams: [{ codec_type: 'audio', codec_name: 'mp3' }],
        }),
      /not a video or audio file/,
    );
    assert.throws(() => parseProbe({ format: mp4, streams: [] }), /no video or audio track/);
    assert.throws(
      () => parseProbe({ format: { ...mp4, duration: '0' }, streams: [{ codec_type: 'audio', codec_name: 'aac' }] }),
      /no playable length/,
    );
  });

  it('explains ffprobe failures in words a person understands', () => {
    assert.match(
      describeProbeFailure('[mov,mp4 @ 0x1] moov atom not found\nsrc: Invalid data found when processing input'),
      /incomplete.*cut short/,
    );
    assert.match(describeProbeFailure('src: Invalid data found when processing input'), /not a video or audio file/);
  });
});
