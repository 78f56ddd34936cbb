import jwt from 'jsonwebtoken';
import { secretKey } from './secret-key';

// Every token the platform signs says what it is (`typ`) and who accepts it (`aud`), and is signed and checked with
// HS256 only. So a token of one kind is never taken for another even where two secrets happen to be equal, and a
// token with `alg: none` or an RS256 header is refused before its claims are read (ASVS 9.1, RFC 8725 sections 3.1
// and 3.11). The internal API token is no JWT: a shared secret compared in constant time, so nothing else matches it.
export type TokenKind = 'access' | 'join' | 'playback' | 'viewer' | 'stage-playback';

export const TOKEN_ALGORITHM = 'HS256';

/**
 * Who accepts each kind: the control plane's API (organizers, administrators, the operator), the attendee's join
 * (join info and admission), the key server, and Stage's viewer endpoints (a viewer is no user of an account). A
 * Stage playback token goes to the key server too, under an audience of its own: it opens one published Stage video,
 * never a webcast's keys, and a webcast's playback token never opens a Stage video.
 */
export const TOKEN_AUDIENCE: Record<TokenKind, string> = {
  access: 'webcast:api',
  join: 'webcast:join',
  playback: 'webcast:keys',
  viewer: 'webcast:stage',
  'stage-playback': 'webcast:stage-keys',
};

export type TokenCheck<T> = { ok: true; claims: T } | { ok: false; reason: string };

/** Signs `claims` as a token of `kind`. `sub` and times go in `claims` or `options` as jsonwebtoken takes them. */
export function signToken(
  kind: TokenKind,
  claims: Record<string, unknown>,
  secret: string,
  options: Omit<jwt.SignOptions, 'algorithm' | 'audience'> = {},
): string {
  return jwt.sign({ ...claims, typ: kind }, secretKey(secret), {
    ...options,
    algorithm: TOKEN_ALGORITHM,
    audience: TOKEN_AUDIENCE[kind],
  });
}

/** The verified claims of a token of `kind`, or why it is refused (any other kind is `not a <kind> token`). */
export function verifyToken(
  kind: TokenKind,
  token: string,
  secret: string,
  nowMs: number = Date.now(),
): TokenCheck<jwt.JwtPayload> {
  let p: jwt.JwtPayload;
  try {
    p = jwt.verify(token, secretKey(secret), {
      algorithms: [TOKEN_ALGORITHM],
      clockTimestamp: Math.floor(nowMs / 1000),
    }) as jwt.JwtPayload;
  } catch (e) {
    return { ok: false, reason: describeJwtError(e) };
  }
  // checked here rather than by jsonwebtoken's `audience` option, so both claims give the same plain reason
  if (typeof p !== 'object' || p.typ !== kind || p.aud !== TOKEN_AUDIENCE[kind]) {
    return { ok: false, reason: `not a ${kind} token` };
  }
  return { ok: true, claims: p };
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
