import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

// With INTERNAL_PORT the internal API lives on its own listener: the public one answers 404 there even with the
// right internal token, and the internal one serves nothing else (a browser session is of no use on it).

describe('the internal API on its own listener', () => {
  let cp: ControlPlaneHarness;
  let internalUrl: string;
  before(async () => {
    cp = await startControlPlane({ INTERNAL_PORT: 0 });
    internalUrl = `http://127.0.0.1:${cp.config.INTERNAL_PORT}`;
  });
  after(async () => {
    await cp?.close();
  });

  const get = (base: string, path: string, token = cp.config.INTERNAL_API_TOKEN) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('answers the internal calls on the internal port only', async () => {
    assert.notEqual(internalUrl, cp.url);
    const onInternal = await get(internalUrl, '/api/internal/live/stream-keys');
    assert.equal(onInternal.status, 200, await onInternal.clone().text());
    const onPublic = await get(cp.url, '/api/internal/live/stream-keys');
    assert.equal(onPublic.status, 404, 'the public port does not know the internal API, even with its token');
    assert.equal((await get(internalUrl, '/api/internal/live/stream-keys', 'wrong')).status, 401);
  });

  it('serves nothing but the internal API, health and metrics on the internal port', async () => {
    const seeded = await cp.seed();
    assert.equal((await get(internalUrl, '/api/auth/me', seeded.admin.token)).status, 404);
    assert.equal((await get(cp.url, '/api/auth/me', seeded.admin.token)).status, 200);
    assert.equal((await fetch(`${internalUrl}/`)).status, 404, 'not the web app either');
    for (const path of ['/health', '/metrics']) {
      assert.equal((await fetch(`${internalUrl}${path}`)).status, 200, path);
      assert.equal((await fetch(`${cp.url}${path}`)).status, 200, path);
    }
  });
});
