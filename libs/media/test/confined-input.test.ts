import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confinedInput, demuxerOf, mediaToolEnv } from '#media';

describe('an uploaded source opened by ffmpeg', () => {
  it('forces the first name of the demuxer the probe chose', () => {
    assert.equal(demuxerOf('mov,mp4,m4a,3gp,3g2,mj2'), 'mov');
    assert.equal(demuxerOf('matroska,webm'), 'matroska');
    assert.equal(demuxerOf('avi'), 'avi');
    assert.throws(() => demuxerOf(''));
    assert.throws(() => demuxerOf('-i /etc/passwd'));
  });

  it('allows the file protocol alone', () => {
    assert.deepEqual(confinedInput('/w/source', 'mpegts'), {
      path: '/w/source',
      options: ['-protocol_whitelist', 'file', '-f', 'mpegts'],
    });
  });

  it('gives ffmpeg and ffprobe a PATH and a language, and none of the secrets of the process', () => {
    const env = mediaToolEnv({ PATH: '/usr/bin', JWT_SECRET: 's', S3_SECRET_KEY: 'k', HOME: '/root' });
    assert.deepEqual(env, { PATH: '/usr/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
  });
});
