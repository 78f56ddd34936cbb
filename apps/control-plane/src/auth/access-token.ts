import jwt from 'jsonwebtoken';

// Access tokens carry the user id and the user's token_version; bumping the version (deactivation, reassignment)
// revokes every token issued before.
export interface AccessClaims {
  userId: string;
  tokenVersion: number;
}

export function signAccessToken(claims: AccessClaims, secret: string, ttlMs: number): string {
  return jwt.sign({ typ: 'access', tv: claims.tokenVersion }, secret, {
    algorithm: 'HS256',
    subject: claims.userId,
    expiresIn: Math.max(1, Math.floor(ttlMs / 1000)),
  });
}

export function verifyAccessToken(token: string, secret: string): AccessClaims | null {
  try {
    const p = jwt.verify(token, secret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    if (p.typ !== 'access' || typeof p.sub !== 'string' || typeof p.tv !== 'number') return null;
    return { userId: p.sub, tokenVersion: p.tv };
  } catch {
    return null;
  }
}
