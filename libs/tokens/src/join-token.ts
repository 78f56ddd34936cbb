import { TokenCheck, signToken, verifyToken } from './token-kind';

// A registrant's personal join link carries this token. It is deterministic for a registration (no iat), so
// registering twice hands out the same link; it expires a week after the event's scheduled end.
export interface JoinClaims {
  registrantId: string;
  eventId: string;
}

export const JOIN_TOKEN_GRACE_S = 7 * 24 * 3600;

export function signJoinToken(claims: JoinClaims, eventEndsAt: Date, secret: string): string {
  const exp = Math.floor(eventEndsAt.getTime() / 1000) + JOIN_TOKEN_GRACE_S;
  return signToken('join', { evt: claims.eventId, exp }, secret, { subject: claims.registrantId, noTimestamp: true });
}

export function verifyJoinToken(token: string, secret: string, nowMs: number = Date.now()): TokenCheck<JoinClaims> {
  const check = verifyToken('join', token, secret, nowMs);
  if (!check.ok) return check;
  const p = check.claims;
  if (typeof p.evt !== 'string' || typeof p.sub !== 'string') return { ok: false, reason: 'not a join token' };
  return { ok: true, claims: { registrantId: p.sub, eventId: p.evt } };
}
