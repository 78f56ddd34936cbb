import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { admissionWindow } from '../src/admission-window';
import { checkHandshake } from '../src/join-handshake';
import { signAccessToken, signPlaybackToken } from '#tokens';
import { TEST_JOIN_SECRET, joinToken, liveEvent } from '#test-support/admission-cluster';

describe('when an event admits attendees', () => {
  it('admits a live event up to actual start + its cap, and a published on-demand event with no cap', () => {
    const live = liveEvent({}, { actualStartAt: '2026-03-01T10:00:00.000Z', maxDurationMs: 8 * 3600_000 });
    const w = admissionWindow(live);
    assert.ok(w.open && w.ledgerEvent.liveCutoffMs === Date.parse('2026-03-01T18:00:00.000Z'));
    const od = admissionWindow(liveEvent({}, { mode: 'on-demand', state: 'ended' }));
    assert.ok(od.open && od.ledgerEvent.liveCutoffMs === null);
  });
  it("admits an ended live event's attendees on demand (the recording), with seats of their own and no cap", () => {
    const w = admissionWindow(liveEvent({}, { state: 'ended', endedAt: new Date().toISOString() }));
    assert.ok(w.open && w.ledgerEvent.phase === 'on-demand' && w.ledgerEvent.liveCutoffMs === null);
  });
  it('admits a simulive event (on demand, played as live) as a live one: live seats up to its cap', () => {
    const simulive = { mode: 'on-demand', playAsLive: true } as const;
    const live = admissionWindow(
      liveEvent({}, { ...simulive, actualStartAt: '2026-03-01T10:00:00.000Z', maxDurationMs: 8 * 3600_000 }),
    );
    assert.ok(live.open && live.ledgerEvent.phase === 'live');
    assert.equal(live.ledgerEvent.liveCutoffMs, Date.parse('2026-03-01T18:00:00.000Z'));
    const early = admissionWindow(liveEvent({}, { ...simulive, state: 'scheduled' }));
    assert.ok(!early.open && early.refusal.reason === 'event-not-started');
  });
  it('refuses scheduled and cancelled events with their reason', () => {
    for (const [state, reason] of [
      ['scheduled', 'event-not-started'],
      ['cancelled', 'event-cancelled'],
    ] as const) {
      const w = admissionWindow(liveEvent({}, { state }));
      assert.ok(!w.open && w.refusal.reason === reason, state);
    }
  });
});

describe('the join handshake', () => {
  const eventId = randomUUID();
  it('accepts a join token for the event asked for, with a device id', () => {
    const r = checkHandshake({ token: joinToken(eventId), eventId, deviceId: 'phone-1' }, TEST_JOIN_SECRET);
    assert.ok(r.ok && r.joiner.eventId === eventId);
  });
  it('refuses missing or odd fields before checking the token', () => {
    const token = joinToken(eventId);
    const reasons = [
      checkHandshake(undefined, TEST_JOIN_SECRET),
      checkHandshake({ token, deviceId: 'x' }, TEST_JOIN_SECRET),
      checkHandshake({ token, eventId, deviceId: 'has space' }, TEST_JOIN_SECRET),
      checkHandshake({ token, eventId, deviceId: 'x'.repeat(65) }, TEST_JOIN_SECRET),
      checkHandshake({ token: 'x'.repeat(5000), eventId, deviceId: 'x' }, TEST_JOIN_SECRET),
    ].map((r) => (r.ok ? 'ok' : r.refusal.reason));
    assert.deepEqual(reasons, ['token-missing', 'bad-request', 'bad-request', 'bad-request', 'token-invalid']);
  });
  it('refuses a playback or access token signed with the join secret itself: only a join token opens a seat', () => {
    const playback = signPlaybackToken({ viewer: 'v', scope: { kind: 'event', id: eventId } }, TEST_JOIN_SECRET);
    const access = signAccessToken({ userId: randomUUID(), tokenVersion: 0 }, TEST_JOIN_SECRET, 60_000);
    for (const token of [playback, access]) {
      const r = checkHandshake({ token, eventId, deviceId: 'x' }, TEST_JOIN_SECRET);
      assert.ok(!r.ok && r.refusal.reason === 'token-invalid' && /not a join token/.test(r.refusal.message));
    }
  });
});
