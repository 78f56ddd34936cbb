import { signToken, verifyToken } from './token-kind';

// Access tokens carry the user id and the user's token_version; bumping the version (deactivation, reassignment)
// revokes every token issued before.
export interface AccessClaims {
  userId: string;
  tokenVersion: number;
}

export function signAccessToken(claims: AccessClaims, secret: string, ttlMs: number): string {
  return signToken('access', { tv: claims.tokenVersion }, secret, {
    subject: claims.userId,
    expiresIn: Math.max(1, Math.floor(ttlMs / 1000)),
  });
}

export function verifyAccessToken(token: string, secret: string): AccessClaims | null {
  const check = verifyToken('access', token, secret);
  if (!check.ok || typeof check.claims.sub !== 'string' || typeof check.claims.tv !== 'number') return null;
  return { userId: check.claims.sub, tokenVersion: check.claims.tv };
}
