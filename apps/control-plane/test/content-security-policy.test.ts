import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { MAIL_INLINE_STYLES } from '#mail';
import { webAppCsp } from '../src/http/content-security-policy';

const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1) ?? [];

describe("the web app's Content-Security-Policy", () => {
  const csp = webAppCsp(
    {
      admission: ['https://live.example.com/', 'https://live.example.com:8443', 'not a url'],
      storage: ['https://cdn.example.com/media', 'https://s3.example.com'],
    },
    'abc123',
  );

  it('allows no inline script and no eval, and scripts only from the page origin', () => {
    assert.deepEqual(directive(csp, 'script-src'), ["'self'"]);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.deepEqual(directive(csp, 'object-src'), ["'none'"]);
    assert.deepEqual(directive(csp, 'frame-ancestors'), ["'none'"]);
  });

  it("allows the response's nonce for style tags and exactly the inline styles of our own mails", () => {
    const styles = directive(csp, 'style-src');
    assert.ok(styles.includes("'nonce-abc123'"));
    const hashes = styles.filter((s) => s.startsWith("'sha256-"));
    assert.equal(hashes.length, MAIL_INLINE_STYLES.length);
    const button = MAIL_INLINE_STYLES.find((s) => s.startsWith('display:inline-block'))!;
    assert.ok(hashes.includes(`'sha256-${createHash('sha256').update(button).digest('base64')}'`));
  });

  it('connects to the admission nodes over http(s) and ws(s), and reads media from storage, by origin', () => {
    const connect = directive(csp, 'connect-src');
    for (const o of ['https://live.example.com', 'wss://live.example.com', 'https://live.example.com:8443']) {
      assert.ok(connect.includes(o), o);
    }
    assert.ok(connect.includes('https://s3.example.com'), 'uploads go to the S3 endpoint');
    assert.deepEqual(directive(csp, 'media-src'), [
      "'self'",
      'blob:',
      'https://cdn.example.com',
      'https://s3.example.com',
    ]);
    assert.ok(directive(csp, 'worker-src').includes('blob:'), "hls.js's transmuxer worker");
    assert.ok(!csp.includes('not a url'));
  });
});
