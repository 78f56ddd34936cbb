import { createHash, randomBytes } from 'node:crypto';

// An account API key: `wck_` + 256 random bits in base64url. The prefix tells a key from an access token (a JWT
// has dots) and lets secret scanners recognise a leaked one; only the sha256 of the whole key is stored.

const PREFIX = 'wck_';
const SHOWN_CHARS = 12;

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, SHOWN_CHARS), hash: apiKeyHash(key) };
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(PREFIX) && /^wck_[A-Za-z0-9_-]{43}$/.test(token);
}

export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
