import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutServerPaths } from '#media';

describe('reasons without the server paths', () => {
  it('replaces absolute paths and file: URLs wherever they stand', () => {
    assert.equal(
      withoutServerPaths('/var/tmp/vod-1a2b/source: Invalid data found when processing input'),
      'the file: Invalid data found when processing input',
    );
    assert.equal(
      withoutServerPaths("[concat @ 0x55] Unsafe file name '/etc/passwd'"),
      "[concat @ 0x55] Unsafe file name 'the file'",
    );
    assert.equal(withoutServerPaths('URL file:///etc/passwd is not allowed'), 'URL the file is not allowed');
    assert.equal(withoutServerPaths('opening file:source.mp4 (at /tmp/x)'), 'opening the file (at the file)');
  });

  it('leaves addresses, ratios and plain words alone', () => {
    const kept = "Protocol 'http' not on whitelist 'file'! http://127.0.0.1:9/x.ts 16/9 and/or a / b";
    assert.equal(withoutServerPaths(kept), kept);
    const sentence = 'The file is not a video or audio file: its contents match no media format we can read.';
    assert.equal(withoutServerPaths(sentence), sentence);
  });
});
