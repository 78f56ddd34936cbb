import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WEB_APP_DIR } from '../src/web-app/web-app-files';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

// The control plane serves the built web app (dist/web, written by `npm run build`) at `/`: every path that is not
// the server's own gets the app's page (the app routes it), hashed assets are cached for a year, and the API,
// documents, health and metrics answer as before; a join link gets the app's page without a Referer.
describe('the web app served by the control plane', () => {
  let cp: ControlPlaneHarness;
  before(async () => {
    assert.ok(existsSync(join(WEB_APP_DIR, 'index.html')), `${WEB_APP_DIR} is missing: run npm run build first`);
    cp = await startControlPlane();
  });
  after(async () => {
    await cp?.close();
  });

  it('answers / and any app path (history fallback) with the app page, revalidated on every visit', async () => {
    for (const path of [
      '/',
      '/events',
      '/events/3f0c1a52-0000-4000-8000-000000000000/edit',
      '/sign-in?next=%2Forders',
    ]) {
      const r = await fetch(`${cp.url}${path}`);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type') ?? '', /text\/html/, path);
      assert.equal(r.headers.get('cache-control'), 'no-cache', path);
      const html = await r.text();
      assert.match(html, /<div id="root"><\/div>/, path);
      assert.match(html, /<script type="module"[^>]+src="\/assets\/index-[\w-]+\.js"/, path);
    }
  });

  it('serves the hashed assets with a one-year immutable cache, and a missing one is a 404, not the page', async () => {
    const assets = readdirSync(join(WEB_APP_DIR, 'assets'));
    const script = assets.find((f) => /^index-[\w-]+\.js$/.test(f));
    assert.ok(script, `an entry script in ${assets.join(', ')}`);
    const r = await fetch(`${cp.url}/assets/${script}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /javascript/);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const missing = await fetch(`${cp.url}/assets/index-doesnotexist.js`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /json/);
    assert.equal((await fetch(`${cp.url}/favicon.svg`)).status, 200);
    assert.equal((await fetch(`${cp.url}/..%2fpackage.json`)).status, 404);
  });

  it('answers a join link with the app page, sent with no referrer so the token never leaves in a Referer', async () => {
    for (const path of ['/join/some-token', '/join/eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJqb2luIn0.c2ln']) {
      const r = await fetch(`${cp.url}${path}`);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer', path);
      assert.match(await r.text(), /<div id="root"><\/div>/, path);
    }
    assert.equal((await fetch(`${cp.url}/events`)).headers.get('referrer-policy'), 'same-origin');
    // the string page's vendor scripts are gone with it
    assert.equal((await fetch(`${cp.url}/attendee/socket.io.js`)).status, 404);
  });

  it('leaves the API, the documents, health and metrics to the server', async () => {
    const unknownApi = await fetch(`${cp.url}/api/no-such-endpoint`);
    assert.equal(unknownApi.status, 404);
    assert.equal(((await unknownApi.json()) as { statusCode: number }).statusCode, 404);
    assert.equal((await cp.api().get('/api/auth/me')).status, 401);
    const docs = await fetch(`${cp.url}/docs-json`);
    assert.equal(docs.status, 200);
    assert.ok(((await docs.json()) as { paths: object }).paths);
    assert.match(await (await fetch(`${cp.url}/docs`)).text(), /swagger/i);
    assert.equal((await fetch(`${cp.url}/health`)).status, 200);
    assert.match(await (await fetch(`${cp.url}/metrics`)).text(), /^# HELP/m);
    assert.equal((await fetch(`${cp.url}/events`, { method: 'POST' })).status, 404);
  });

  it('sends the security headers on the page, the API and the documents, and a fresh CSP nonce with each page', async () => {
    for (const path of ['/', '/events', '/api/auth/me', '/api/no-such-endpoint', '/docs', '/health']) {
      const r = await fetch(`${cp.url}${path}`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(r.headers.get('x-frame-options'), 'SAMEORIGIN', path);
      assert.match(r.headers.get('strict-transport-security') ?? '', /max-age=\d+/, path);
      assert.equal(r.headers.get('cross-origin-opener-policy'), 'same-origin', path);
      assert.equal(r.headers.get('x-powered-by'), null, path);
      assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
    }
    const api = (await fetch(`${cp.url}/api/auth/me`)).headers.get('content-security-policy')!;
    assert.match(api, /^default-src 'none'/, 'the API loads nothing');
    const docs = (await fetch(`${cp.url}/docs`)).headers.get('content-security-policy')!;
    assert.match(docs, /script-src 'self';/, 'Swagger UI runs only its own files');

    const pages = await Promise.all([fetch(`${cp.url}/`), fetch(`${cp.url}/events`)]);
    const nonces = [];
    for (const page of pages) {
      const csp = page.headers.get('content-security-policy')!;
      assert.match(csp, /script-src 'self';/, 'no inline script: no unsafe-inline, no nonce for scripts');
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.ok(
        (await page.text()).includes(`<meta name="csp-nonce" content="${nonce}"`),
        'the page carries the nonce',
      );
      for (const url of cp.config.ADMISSION_PUBLIC_URLS) {
        const origin = new URL(url).origin;
        assert.ok(csp.includes(origin) && csp.includes(origin.replace(/^http/, 'ws')), `connect-src has ${origin}`);
      }
      nonces.push(nonce);
    }
    assert.notEqual(nonces[0], nonces[1], 'a nonce is never reused');
  });
});
