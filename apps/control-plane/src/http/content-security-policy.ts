import { createHash } from 'node:crypto';
import { MAIL_INLINE_STYLES } from '#mail';

/** The origins the web app's pages reach besides their own: admission nodes, object storage. */
export interface WebAppOrigins {
  /** Socket.io admission nodes (http(s) URLs; their ws(s) twins are allowed too). */
  admission: readonly string[];
  /** Where playlists, segments and posters are read (S3_PUBLIC_URL) and uploads are sent (S3_ENDPOINT). */
  storage: readonly string[];
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

const wsTwin = (origin: string) => origin.replace(/^http/, 'ws');

// The outbox page shows a mail's HTML part in a sandboxed frame, which inherits this policy: the only inline styles
// allowed anywhere are the fixed ones our own mails use, by hash.
const MAIL_STYLE_HASHES = MAIL_INLINE_STYLES.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);

/**
 * The Content-Security-Policy of the web app's page: scripts only from this origin, no inline script at all, styles
 * from this origin plus the `<style>` tags Mantine writes, which carry this response's nonce. hls.js runs its
 * transmuxer in a worker made from a blob and plays through MediaSource (blob: media).
 */
export function webAppCsp(origins: WebAppOrigins, nonce: string): string {
  const storage = [...new Set(origins.storage.map(originOf).filter((o): o is string => o !== null))];
  const admission = [...new Set(origins.admission.map(originOf).filter((o): o is string => o !== null))];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", `'nonce-${nonce}'`, "'unsafe-hashes'", ...MAIL_STYLE_HASHES],
    'img-src': ["'self'", 'data:', 'blob:', ...storage],
    'media-src': ["'self'", 'blob:', ...storage],
    'connect-src': ["'self'", ...storage, ...admission, ...admission.map(wsTwin)],
    'worker-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** For JSON answers of the API: nothing may load, nothing may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * For the API documents at /docs (Swagger UI): its scripts are files of this origin, but its page has an inline
 * `<style>` block and style attributes, so styles are let through there, and only there.
 */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
