import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveWebAppPath } from '../src/web-app/web-app-files';

// Which file the control plane sends for a path, given a built web app folder.
describe('resolving a path to the built web app', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-app-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('says the app is not built when index.html is missing', () => {
    assert.deepEqual(resolveWebAppPath('/events', root), { kind: 'not-built' });
  });

  it('serves files, falls back to the page for app paths, and keeps server paths and missing files 404', () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), '');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    const page = {
      kind: 'page',
      path: join(root, 'index.html'),
      cacheControl: 'no-cache',
      referrerPolicy: 'same-origin',
    };
    assert.deepEqual(resolveWebAppPath('/', root), page);
    assert.deepEqual(resolveWebAppPath('/events/42/edit', root), page);
    assert.deepEqual(resolveWebAppPath('/assets/index-abc123.js', root), {
      kind: 'file',
      path: join(root, 'assets', 'index-abc123.js'),
      cacheControl: 'public, max-age=31536000, immutable',
    });
    assert.equal(resolveWebAppPath('/favicon.svg', root).kind, 'file');
    // the join page's path holds a token with dots, and its URL must not travel in a Referer
    assert.deepEqual(resolveWebAppPath('/join/eyJh.eyJ0.sig-_x', root), { ...page, referrerPolicy: 'no-referrer' });
    for (const p of ['/assets/gone.js', '/robots.txt', '/api/x', '/docs', '/health', '/metrics', '/../etc/passwd']) {
      assert.deepEqual(resolveWebAppPath(p, root), { kind: 'not-found' }, p);
    }
  });
});
