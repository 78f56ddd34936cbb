import jwt from 'jsonwebtoken';
import { secretKey } from './secret-key';

// A registrant's personal join link carries this token. It is deterministic for a registration (no iat), so
// registering twice hands out the same link; it expires a week after the event's scheduled end.
export interface JoinClaims {
  registrantId: string;
  eventId: string;
}

export const JOIN_TOKEN_GRACE_S = 7 * 24 * 3600;

export function signJoinToken(claims: JoinClaims, eventEndsAt: Date, secret: string): string {
  const exp = Math.floor(eventEndsAt.getTime() / 1000) + JOIN_TOKEN_GRACE_S;
  return jwt.sign({ typ: 'join', evt: claims.eventId, exp }, secretKey(secret), {
    algorithm: 'HS256',
    subject: claims.registrantId,
    noTimestamp: true,
  });
}

export type TokenCheck<T> = { ok: true; claims: T } | { ok: false; reason: string };

export function verifyJoinToken(token: string, secret: string, nowMs: number = Date.now()): TokenCheck<JoinClaims> {
  try {
    const p = jwt.verify(token, secretKey(secret), {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(nowMs / 1000),
    }) as jwt.JwtPayload;
    if (p.typ !== 'join' || typeof p.evt !== 'string' || typeof p.sub !== 'string') {
      return { ok: false, reason: 'not a join token' };
    }
    return { ok: true, claims: { registrantId: p.sub, eventId: p.evt } };
  } catch (e) {
    return { ok: false, reason: describeJwtError(e) };
  }
}

export function describeJwtError(e: unknown): string {
  if (e instanceof jwt.TokenExpiredError) return 'token expired';
  if (e instanceof jwt.JsonWebTokenError) {
    return e.message === 'invalid signature'
      ? 'token signature is invalid (tampered?)'
      : `token is malformed (${e.message})`;
  }
  return 'token could not be verified';
}
