import { statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

// `npm run build` writes the web app (Vite) into dist/web; this file is compiled to dist/apps/control-plane/src/web-app.
export const WEB_APP_DIR = resolve(__dirname, '../../../../web');

/** Paths the server answers itself: an unknown one there is a 404, never the web app's page. */
const SERVER_PREFIXES = ['api/', 'docs', 'health', 'metrics', 'socket.io/'];

/** App paths whose URL holds a secret (the join token): the page is sent with `Referrer-Policy: no-referrer`. */
const SECRET_PATHS = ['join/'];

export type WebAppAnswer =
  | { kind: 'file'; path: string; cacheControl: string }
  | { kind: 'page'; path: string; cacheControl: string; referrerPolicy: 'same-origin' | 'no-referrer' }
  | { kind: 'not-found' }
  | { kind: 'not-built' };

// Vite names every built script, style and image under /assets by its content hash: a new build is a new URL.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=3600';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * What to send for a GET of `urlPath` (already decoded, without the query): a built file, the app's page for any
 * other path (the app routes it: history fallback), or a 404 for server paths and missing files.
 */
export function resolveWebAppPath(urlPath: string, root: string = WEB_APP_DIR): WebAppAnswer {
  const rel = urlPath.replace(/^\/+/, '');
  if (SERVER_PREFIXES.some((p) => rel === p.replace(/\/$/, '') || rel.startsWith(p))) return { kind: 'not-found' };
  const index = join(root, 'index.html');
  if (!isFile(index)) return { kind: 'not-built' };
  // a join token has dots (a.b.c), which would read as a file name below: these paths are always the page
  if (SECRET_PATHS.some((p) => rel.startsWith(p))) {
    return { kind: 'page', path: index, cacheControl: REVALIDATE, referrerPolicy: 'no-referrer' };
  }
  if (rel !== '' && rel !== 'index.html') {
    const file = resolve(root, rel);
    if (!file.startsWith(root + sep)) return { kind: 'not-found' };
    if (isFile(file)) return { kind: 'file', path: file, cacheControl: rel.startsWith('assets/') ? IMMUTABLE : SHORT };
    // A missing script or image must not come back as the page (a browser would try to run HTML).
    if (rel.startsWith('assets/') || extname(rel) !== '') return { kind: 'not-found' };
  }
  return { kind: 'page', path: index, cacheControl: REVALIDATE, referrerPolicy: 'same-origin' };
}
