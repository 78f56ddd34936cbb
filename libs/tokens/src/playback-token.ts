import { TokenCheck, signToken, verifyToken } from './token-kind';

// Short-lived permission to fetch the AES keys of one event or one asset. Admission issues it while a seat is held
// (and refreshes it over the socket); the control plane issues it to a signed-in viewer of a Stage asset.
export type PlaybackScope = { kind: 'event'; id: string } | { kind: 'asset'; id: string };

export interface PlaybackClaims {
  /** Who watches: a registrant id or a user id. */
  viewer: string;
  scope: PlaybackScope;
}

export const PLAYBACK_TOKEN_TTL_S = 60;

export function signPlaybackToken(
  claims: PlaybackClaims,
  secret: string,
  ttlSeconds = PLAYBACK_TOKEN_TTL_S,
  nowMs: number = Date.now(),
): string {
  const iat = Math.floor(nowMs / 1000);
  return signToken('playback', { sk: claims.scope.kind, sid: claims.scope.id, iat, exp: iat + ttlSeconds }, secret, {
    subject: claims.viewer,
  });
}

export function verifyPlaybackToken(
  token: string,
  secret: string,
  nowMs: number = Date.now(),
): TokenCheck<PlaybackClaims> {
  const check = verifyToken('playback', token, secret, nowMs);
  if (!check.ok) return check;
  const p = check.claims;
  if ((p.sk !== 'event' && p.sk !== 'asset') || typeof p.sid !== 'string' || typeof p.sub !== 'string') {
    return { ok: false, reason: 'not a playback token' };
  }
  const kind = p.sk === 'event' ? 'event' : 'asset';
  return { ok: true, claims: { viewer: p.sub, scope: { kind, id: p.sid } } };
}
