import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnplayableMediaError, describeNestedReference, describeProbeFailure, parseProbe } from '#media';

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

  it('refuses a playlist or a list of other files however it probes (HLS, concat, a manifest)', () => {
    const tracks = [{ codec_type: 'video', codec_name: 'h264', width: 640, height: 360 }];
    for (const format_name of ['hls', 'applehttp', 'concat', 'dash', 'imf']) {
      assert.throws(
        () => parseProbe({ format: { ...mp4, format_name }, streams: tracks }),
        /not a video or audio file: it is a playlist or list that refers to other files/,
        format_name,
      );
    }
  });

  it('refuses a file that reached for another file or address while probed, naming neither', () => {
    const failures = [
      "[http @ 0x1] Protocol 'http' not on whitelist 'file'!\n[hls @ 0x2] Failed to open segment 0 of playlist 0",
      "[concat @ 0x1] Unsafe file name '/srv/media/a.mp4'\n/var/tmp/vod-1/source: Operation not permitted",
      '[hls @ 0x1] URL file:///etc/passwd is not in allowed_segment_extensions',
    ];
    for (const stderr of failures) {
      const reason = describeProbeFailure(stderr);
      assert.match(reason, /^The file is not a video or audio file: it is a playlist or list/);
      assert.doesNotMatch(reason, /\//);
    }
    assert.match(
      describeNestedReference('[mov,mp4 @ 0x1] Skipped opening external track: id 1, dir_level 0, path /srv/a.mov.') ??
        '',
      /^The file is not a video or audio file we can read: its tracks are stored in other files/,
    );
    assert.equal(describeNestedReference('[h264 @ 0x1] mmco: unref short failure'), undefined);
  });

  it('quotes an unknown failure without the server paths in it', () => {
    const reason = describeProbeFailure('/var/tmp/vod-1a2b/source: Permission denied');
    assert.equal(reason, 'The file could not be read as video or audio (the file: Permission denied).');
  });
});
