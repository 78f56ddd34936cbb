import { TokenCheck, signToken, verifyToken } from './token-kind';

// Short-lived permission for a signed-in Stage viewer to fetch the keys of one published Stage video. Its own kind,
// apart from webcast playback tokens: the key server checks at every request that the video is still published and
// that the asset asked for is its asset, so a takedown stops playback at the next key request.
export interface StagePlaybackClaims {
  viewerId: string;
  videoId: string;
  assetId: string;
}

export const STAGE_PLAYBACK_TOKEN_TTL_S = 300;

export function signStagePlaybackToken(
  claims: StagePlaybackClaims,
  secret: string,
  ttlSeconds = STAGE_PLAYBACK_TOKEN_TTL_S,
  nowMs: number = Date.now(),
): string {
  const iat = Math.floor(nowMs / 1000);
  return signToken('stage-playback', { vid: claims.videoId, aid: claims.assetId, iat, exp: iat + ttlSeconds }, secret, {
    subject: claims.viewerId,
  });
}

export function verifyStagePlaybackToken(
  token: string,
  secret: string,
  nowMs: number = Date.now(),
): TokenCheck<StagePlaybackClaims> {
  const check = verifyToken('stage-playback', token, secret, nowMs);
  if (!check.ok) return check;
  const p = check.claims;
  if (typeof p.vid !== 'string' || typeof p.aid !== 'string' || typeof p.sub !== 'string') {
    return { ok: false, reason: 'not a stage-playback token' };
  }
  return { ok: true, claims: { viewerId: p.sub, videoId: p.vid, assetId: p.aid } };
}
