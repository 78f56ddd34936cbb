import { signToken, verifyToken } from './token-kind';

// A Stage viewer's access token: the viewer id and the viewer's token_version (a password reset bumps it, revoking
// every token issued before). Its own kind and audience, so it opens no organizer endpoint and an organizer's access
// token opens no viewer endpoint, even under one secret.
export interface ViewerClaims {
  viewerId: string;
  tokenVersion: number;
}

export function signViewerToken(claims: ViewerClaims, secret: string, ttlMs: number): string {
  return signToken('viewer', { tv: claims.tokenVersion }, secret, {
    subject: claims.viewerId,
    expiresIn: Math.max(1, Math.floor(ttlMs / 1000)),
  });
}

export function verifyViewerToken(token: string, secret: string): ViewerClaims | null {
  const check = verifyToken('viewer', token, secret);
  if (!check.ok || typeof check.claims.sub !== 'string' || typeof check.claims.tv !== 'number') return null;
  return { viewerId: check.claims.sub, tokenVersion: check.claims.tv };
}
