import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  INITIAL_JOIN_STATE,
  type JoinMessage,
  type JoinState,
  estimatedWaitMs,
  joinReducer,
  playlistFor,
  recordPosition,
  secondsUntil,
  wantsSocket,
} from '../src/pages/join/join-state';

// The join page's states as the protocol drives them (docs/protocols/admission.md).
const run = (messages: JoinMessage[], from: JoinState = INITIAL_JOIN_STATE) => messages.reduce(joinReducer, from);
const live = { type: 'info', info: { state: 'live', mode: 'live' } } as const;
const admitted = (extra: object = {}): JoinMessage => ({
  type: 'decision',
  decision: {
    status: 'admitted',
    tier: 'included',
    phase: 'live',
    playbackToken: 't',
    playbackTokenExpiresInS: 60,
    ...extra,
  },
});

describe('the join page state', () => {
  it('connects for a live event, waits for a scheduled one, and says a cancelled one is cancelled', () => {
    assert.deepEqual(run([live]), { kind: 'connecting' });
    assert.deepEqual(run([{ type: 'info', info: { state: 'scheduled', mode: 'live' } }]), { kind: 'not-started' });
    assert.deepEqual(run([{ type: 'info', info: { state: 'cancelled', mode: 'live' } }]), { kind: 'cancelled' });
    assert.deepEqual(run([{ type: 'info', info: { state: 'ended', mode: 'on-demand' } }]), { kind: 'connecting' });
  });

  it('opens by itself when a not-started event goes live', () => {
    const waiting = run([{ type: 'info', info: { state: 'scheduled', mode: 'live' } }]);
    assert.equal(wantsSocket(waiting), false);
    const opened = joinReducer(waiting, live);
    assert.deepEqual(opened, { kind: 'connecting' });
    assert.equal(wantsSocket(opened), true);
  });

  it('tells a bad link apart from an expired or unknown one', () => {
    const failed = (status: number, message: string) => run([{ type: 'info-failed', status, message }]);
    assert.deepEqual(failed(400, 'this join link is not valid: token signature is invalid (tampered?)'), {
      kind: 'bad-link',
      problem: 'tampered',
    });
    assert.deepEqual(failed(401, 'this join link is not valid: token expired'), {
      kind: 'bad-link',
      problem: 'expired',
    });
    assert.deepEqual(failed(404, 'the registration behind this join link no longer exists'), {
      kind: 'bad-link',
      problem: 'unknown',
    });
    assert.deepEqual(failed(400, 'token is malformed'), { kind: 'bad-link', problem: 'invalid' });
    assert.deepEqual(failed(401, 'this join link is not valid: not a join token'), {
      kind: 'bad-link',
      problem: 'invalid',
    });
  });

  it('plays once admitted and says when the seat came from the waiting room', () => {
    assert.deepEqual(run([live, admitted()]), {
      kind: 'admitted',
      phase: 'live',
      tier: 'included',
      promoted: false,
      reattached: false,
    });
    const waiting = run([live, { type: 'decision', decision: { status: 'waiting', position: 2 } }]);
    assert.deepEqual(waiting, { kind: 'waiting', position: 2 });
    assert.deepEqual(joinReducer(waiting, { type: 'position', position: 1 }), { kind: 'waiting', position: 1 });
    const promoted = joinReducer(waiting, admitted({ promoted: true }));
    assert.equal(promoted.kind === 'admitted' && promoted.promoted, true);
  });

  it('turns every refusal reason into its own state', () => {
    const refusedBy = (reason: string) => run([live, { type: 'connect-error', reason }]);
    assert.deepEqual(refusedBy('event-not-started'), { kind: 'not-started' });
    assert.deepEqual(refusedBy('event-cancelled'), { kind: 'cancelled' });
    assert.deepEqual(refusedBy('event-ended'), { kind: 'ended', reason: 'ended' });
    assert.deepEqual(refusedBy('token-tampered'), { kind: 'bad-link', problem: 'tampered' });
    assert.deepEqual(refusedBy('token-expired'), { kind: 'bad-link', problem: 'expired' });
    assert.deepEqual(refusedBy('event-unknown'), { kind: 'bad-link', problem: 'unknown' });
    assert.deepEqual(refusedBy('unavailable'), { kind: 'refused', reason: 'unavailable' });
    const fourth = run([
      live,
      { type: 'decision', decision: { status: 'refused', reason: 'device-limit', message: 'at most 3 devices' } },
      { type: 'disconnect', byServer: true },
    ]);
    assert.deepEqual(fourth, { kind: 'refused', reason: 'device-limit' });
    assert.equal(wantsSocket(fourth), false);
  });

  it('says reconnecting when the connection drops, and is seated again when it comes back', () => {
    const dropped = run([live, admitted(), { type: 'disconnect', byServer: false }]);
    assert.deepEqual(dropped, { kind: 'reconnecting', held: 'seat' });
    assert.equal(wantsSocket(dropped), true);
    // socket.io keeps retrying: a failed attempt without a reason keeps the reconnecting state
    assert.deepEqual(joinReducer(dropped, { type: 'connect-error' }), dropped);
    const back = joinReducer(joinReducer(dropped, { type: 'connect' }), admitted({ reattached: true }));
    assert.equal(back.kind === 'admitted' && back.reattached, true);
    const waitingDropped = run([
      live,
      { type: 'decision', decision: { status: 'waiting', position: 1 } },
      { type: 'disconnect', byServer: false },
    ]);
    assert.deepEqual(waitingDropped, { kind: 'reconnecting', held: 'place' });
    // still reconnecting when the API says the event ended: the page says it ended
    assert.deepEqual(joinReducer(dropped, { type: 'info', info: { state: 'ended', mode: 'live' } }), {
      kind: 'ended',
      reason: 'ended',
    });
    assert.deepEqual(joinReducer(dropped, live), dropped);
  });

  it('ends with the reason, and a lost seat says why', () => {
    assert.deepEqual(run([live, admitted(), { type: 'ended', reason: 'cap' }]), { kind: 'ended', reason: 'cap' });
    assert.deepEqual(
      run([live, admitted(), { type: 'ended', reason: 'ended' }, { type: 'disconnect', byServer: true }]),
      {
        kind: 'ended',
        reason: 'ended',
      },
    );
    assert.deepEqual(run([live, admitted(), { type: 'lost', reason: 'replaced' }]), {
      kind: 'lost',
      reason: 'replaced',
    });
    assert.deepEqual(run([live, admitted(), { type: 'left' }, { type: 'disconnect', byServer: true }]), {
      kind: 'left',
    });
  });
});

describe('the estimated wait in the waiting room', () => {
  it('is unknown until the queue has moved', () => {
    assert.equal(estimatedWaitMs([]), null);
    assert.equal(estimatedWaitMs([{ at: 0, position: 3 }]), null);
    assert.equal(
      estimatedWaitMs([
        { at: 0, position: 3 },
        { at: 5000, position: 3 },
      ]),
      null,
    );
  });

  it('is the time per place gained so far times the places still ahead', () => {
    // two places in 60 s: 30 s a place, 3 places to go
    assert.equal(
      estimatedWaitMs([
        { at: 0, position: 5 },
        { at: 20_000, position: 4 },
        { at: 60_000, position: 3 },
      ]),
      90_000,
    );
  });

  it('starts over when the position goes up (a new place after a reconnect)', () => {
    let samples = recordPosition([], { at: 0, position: 4 });
    samples = recordPosition(samples, { at: 10, position: 4 });
    assert.equal(samples.length, 1);
    samples = recordPosition(samples, { at: 20, position: 2 });
    assert.equal(samples.length, 2);
    assert.deepEqual(recordPosition(samples, { at: 30, position: 7 }), [{ at: 30, position: 7 }]);
  });
});

describe('the countdown and the playlist', () => {
  it('counts whole seconds down to the start and stops at zero', () => {
    assert.equal(secondsUntil('2026-01-01T10:00:00Z', Date.parse('2026-01-01T09:58:59.500Z')), 61);
    assert.equal(secondsUntil('2026-01-01T10:00:00Z', Date.parse('2026-01-01T10:00:05Z')), 0);
  });

  it('plays the live master live and the recording on demand', () => {
    const p = { masterUrl: 'm', liveMasterUrl: 'l', replayMasterUrl: 'r' };
    assert.equal(playlistFor('live', p), 'l');
    assert.equal(playlistFor('on-demand', p), 'r');
    assert.equal(playlistFor('on-demand', { masterUrl: 'vod', liveMasterUrl: null, replayMasterUrl: null }), 'vod');
  });
});
