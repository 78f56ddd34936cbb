import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signJoinToken, signPlaybackToken, verifyJoinToken, verifyPlaybackToken } from '#tokens';

const secret = 'a-join-secret-of-at-least-thirty-two-chars';
const other = 'another-secret-of-at-least-thirty-two-chars';
const endsAt = new Date('2030-01-01T10:00:00Z');

describe('join links', () => {
  it('are the same link for the same registration', () => {
    const a = signJoinToken({ registrantId: 'r1', eventId: 'e1' }, endsAt, secret);
    assert.equal(signJoinToken({ registrantId: 'r1', eventId: 'e1' }, endsAt, secret), a);
    assert.deepEqual(verifyJoinToken(a, secret, endsAt.getTime()), {
      ok: true,
      claims: { registrantId: 'r1', eventId: 'e1' },
    });
  });
  it('are refused when tampered, signed with another secret, or a week past the event', () => {
    const t = signJoinToken({ registrantId: 'r1', eventId: 'e1' }, endsAt, secret);
    const [h, p, s] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ typ: 'join', evt: 'e2', sub: 'r1', exp: 1e10 })).toString('base64url')}.${s}`;
    assert.match(String((verifyJoinToken(forged, secret) as { reason: string }).reason), /tampered/);
    assert.equal(verifyJoinToken(t, other, endsAt.getTime()).ok, false);
    assert.deepEqual(verifyJoinToken(t, secret, endsAt.getTime() + 8 * 24 * 3600_000), {
      ok: false,
      reason: 'token expired',
    });
    assert.equal(verifyJoinToken(`${h}.${p}`, secret).ok, false);
  });
  it('are not playback tokens', () => {
    const t = signJoinToken({ registrantId: 'r1', eventId: 'e1' }, endsAt, secret);
    assert.deepEqual(verifyPlaybackToken(t, secret, endsAt.getTime()), { ok: false, reason: 'not a playback token' });
  });
});

describe('playback tokens', () => {
  it('carry one scope and live about a minute', () => {
    const now = Date.parse('2030-01-01T09:00:00Z');
    const t = signPlaybackToken({ viewer: 'r1', scope: { kind: 'event', id: 'e1' } }, secret, 60, now);
    assert.deepEqual(verifyPlaybackToken(t, secret, now + 59_000), {
      ok: true,
      claims: { viewer: 'r1', scope: { kind: 'event', id: 'e1' } },
    });
    assert.deepEqual(verifyPlaybackToken(t, secret, now + 61_000), { ok: false, reason: 'token expired' });
    assert.equal(verifyPlaybackToken(t, other, now).ok, false);
  });
});
