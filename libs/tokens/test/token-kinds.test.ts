import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import {
  signAccessToken,
  signJoinToken,
  signPlaybackToken,
  signStagePlaybackToken,
  signViewerToken,
  verifyAccessToken,
  verifyJoinToken,
  verifyPlaybackToken,
  verifyStagePlaybackToken,
  verifyViewerToken,
} from '#tokens';

// One secret for every kind on purpose: what keeps the kinds apart must be the claims, not luck in configuration.
const secret = 'one-secret-for-every-kind-0123456789-abcdefghij';
const endsAt = new Date(Date.now() + 3600_000);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

const access = signAccessToken({ userId: 'u1', tokenVersion: 0 }, secret, 60_000);
const join = signJoinToken({ registrantId: 'r1', eventId: 'e1' }, endsAt, secret);
const playback = signPlaybackToken({ viewer: 'u1', scope: { kind: 'asset', id: 'a1' } }, secret);
const viewer = signViewerToken({ viewerId: 'u1', tokenVersion: 0 }, secret, 60_000);
const stagePlayback = signStagePlaybackToken({ viewerId: 'u1', videoId: 'v1', assetId: 'a1' }, secret);

describe('token kinds', () => {
  it('carry their kind and audience, signed HS256', () => {
    for (const [token, typ, aud] of [
      [access, 'access', 'webcast:api'],
      [join, 'join', 'webcast:join'],
      [playback, 'playback', 'webcast:keys'],
      [viewer, 'viewer', 'webcast:stage'],
      [stagePlayback, 'stage-playback', 'webcast:stage-keys'],
    ]) {
      const decoded = jwt.decode(token, { complete: true })!;
      assert.equal(decoded.header.alg, 'HS256');
      assert.deepEqual([(decoded.payload as jwt.JwtPayload).typ, (decoded.payload as jwt.JwtPayload).aud], [typ, aud]);
    }
    assert.deepEqual(verifyAccessToken(access, secret), { userId: 'u1', tokenVersion: 0 });
    assert.equal(verifyJoinToken(join, secret).ok, true);
    assert.equal(verifyPlaybackToken(playback, secret).ok, true);
    assert.deepEqual(verifyViewerToken(viewer, secret), { viewerId: 'u1', tokenVersion: 0 });
    assert.deepEqual(verifyStagePlaybackToken(stagePlayback, secret), {
      ok: true,
      claims: { viewerId: 'u1', videoId: 'v1', assetId: 'a1' },
    });
  });

  it('are never taken for another kind, even under the same secret', () => {
    assert.equal(verifyAccessToken(join, secret), null);
    assert.equal(verifyAccessToken(playback, secret), null);
    assert.deepEqual(verifyJoinToken(access, secret), { ok: false, reason: 'not a join token' });
    assert.deepEqual(verifyJoinToken(playback, secret), { ok: false, reason: 'not a join token' });
    assert.deepEqual(verifyPlaybackToken(access, secret), { ok: false, reason: 'not a playback token' });
    assert.deepEqual(verifyPlaybackToken(join, secret), { ok: false, reason: 'not a playback token' });
    // a Stage viewer and an organizer carry the same claims (a subject and a token version): only the kind differs
    assert.equal(verifyAccessToken(viewer, secret), null);
    assert.equal(verifyViewerToken(access, secret), null);
    assert.equal(verifyViewerToken(join, secret), null);
    assert.equal(verifyViewerToken(playback, secret), null);
    assert.deepEqual(verifyJoinToken(viewer, secret), { ok: false, reason: 'not a join token' });
    assert.deepEqual(verifyPlaybackToken(viewer, secret), { ok: false, reason: 'not a playback token' });
    // a Stage video's playback token and a webcast's open the same key server: only the kind tells them apart
    assert.deepEqual(verifyPlaybackToken(stagePlayback, secret), { ok: false, reason: 'not a playback token' });
    for (const other of [access, join, playback, viewer]) {
      assert.deepEqual(verifyStagePlaybackToken(other, secret), { ok: false, reason: 'not a stage-playback token' });
    }
    assert.equal(verifyAccessToken(stagePlayback, secret), null);
    assert.equal(verifyViewerToken(stagePlayback, secret), null);
    assert.deepEqual(verifyJoinToken(stagePlayback, secret), { ok: false, reason: 'not a join token' });
  });

  it('refuse a right kind with the wrong audience, or none', () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const claims = { typ: 'access', tv: 0, sub: 'u1', exp };
    assert.equal(verifyAccessToken(jwt.sign(claims, secret, { algorithm: 'HS256' }), secret), null, 'no aud');
    assert.equal(verifyAccessToken(jwt.sign({ ...claims, aud: 'webcast:keys' }, secret), secret), null, 'wrong aud');
    assert.equal(verifyAccessToken(jwt.sign({ ...claims, aud: ['webcast:api', 'x'] }, secret), secret), null);
  });

  it('refuse alg none, an RS256 header, and HS512 (one algorithm is pinned)', () => {
    const claims = { typ: 'access', aud: 'webcast:api', tv: 0, sub: 'u1', exp: Math.floor(Date.now() / 1000) + 60 };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    assert.equal(verifyAccessToken(none, secret), null);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    assert.equal(verifyAccessToken(jwt.sign(claims, privateKey, { algorithm: 'RS256' }), secret), null);
    // the HS/RS mix-up: an RS256 header over an HMAC made with the secret as if it were a public key
    const [, body, sig] = jwt.sign(claims, secret, { algorithm: 'HS256' }).split('.');
    assert.equal(verifyAccessToken(`${b64({ alg: 'RS256', typ: 'JWT' })}.${body}.${sig}`, secret), null);
    assert.equal(verifyAccessToken(jwt.sign(claims, secret, { algorithm: 'HS512' }), secret), null);
    assert.match(
      String(
        (
          verifyJoinToken(`${b64({ alg: 'none' })}.${b64({ typ: 'join', aud: 'webcast:join' })}.`, secret) as {
            reason: string;
          }
        ).reason,
      ),
      /malformed/,
    );
  });
});
