import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

// The app's index.html carries `<meta name="csp-nonce" content="">`: each answer fills in a fresh nonce, which the
// app hands to Mantine for the <style> tags it writes, and which the answer's CSP allows.
const NONCE_META = /<meta name="csp-nonce" content="[^"]*"\s*\/?>/;

let cached: { path: string; mtimeMs: number; html: string } | undefined;

function indexHtml(path: string): string {
  const { mtimeMs } = statSync(path);
  if (cached?.path !== path || cached.mtimeMs !== mtimeMs) cached = { path, mtimeMs, html: readFileSync(path, 'utf8') };
  return cached.html;
}

/** The page with a new nonce, and that nonce. */
export function pageWithNonce(indexPath: string): { html: string; nonce: string } {
  const nonce = randomBytes(18).toString('base64');
  const html = indexHtml(indexPath).replace(NONCE_META, `<meta name="csp-nonce" content="${nonce}" />`);
  return { html, nonce };
}
