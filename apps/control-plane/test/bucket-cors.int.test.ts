import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '#test-support';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

// The media bucket the control plane creates answers CORS to the web app's origin (and S3_CORS_ORIGINS), not to any
// site: another site cannot make its visitors' browsers read the platform's playlists or send uploads.

describe('CORS of the media bucket', () => {
  let cp: ControlPlaneHarness;
  before(async () => {
    cp = await startControlPlane({
      PUBLIC_BASE_URL: 'https://webcasts.example.com',
      S3_CORS_ORIGINS: ['https://intranet.example.org'],
      S3_BUCKET: `cors-${Date.now()}`,
    });
  });
  after(async () => {
    await cp?.close();
  });

  const get = (origin: string) =>
    fetch(`${cp.config.S3_ENDPOINT}/${cp.config.S3_BUCKET}/vod/x/master.m3u8`, { headers: { origin } });
  const preflight = (origin: string) =>
    fetch(`${cp.config.S3_ENDPOINT}/${cp.config.S3_BUCKET}/vod/x/master.m3u8`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET' },
    });

  it('allows the configured origins and no other', async () => {
    // the bucket is made at start, without waiting for it; a first upload would wait for it
    await eventually(async () => assert.equal((await preflight('https://webcasts.example.com')).status, 200), {
      timeout: 10_000,
      message: 'the bucket exists with its CORS',
    });
    assert.equal((await preflight('https://intranet.example.org')).status, 200);
    assert.equal((await preflight('https://evil.example.net')).status, 403, 'another site is refused');
    for (const origin of ['https://webcasts.example.com', 'https://intranet.example.org']) {
      assert.equal((await get(origin)).headers.get('access-control-allow-origin'), origin);
    }
    assert.equal((await get('https://evil.example.net')).headers.get('access-control-allow-origin'), null);
  });
});
