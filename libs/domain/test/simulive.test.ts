import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../src/domain-error';
import {
  assertPlayAsLiveAllowed,
  simuliveEnd,
  simulivePosition,
  simuliveShouldOpen,
  type SimuliveCandidate,
} from '../src/simulive';

const HOUR = 3_600_000;
const startsAt = new Date('2026-12-02T10:00:00Z');
const event: SimuliveCandidate = {
  mode: 'on-demand',
  playAsLive: true,
  state: 'scheduled',
  startsAt,
  endsAt: new Date(startsAt.getTime() + HOUR),
};
const at = (ms: number) => new Date(startsAt.getTime() + ms);

describe('simulive', () => {
  it('is for on-demand events only, with a sentence for a live one', () => {
    assert.doesNotThrow(() => assertPlayAsLiveAllowed('on-demand', true));
    assert.doesNotThrow(() => assertPlayAsLiveAllowed('live', false));
    assert.throws(
      () => assertPlayAsLiveAllowed('live', true),
      (e: unknown) => e instanceof DomainError && e.kind === 'invalid' && /only an on-demand event/.test(e.message),
    );
  });

  it('opens a scheduled simulive event from its start until its scheduled end, and nothing else', () => {
    assert.equal(simuliveShouldOpen(event, at(-1)), false, 'not before the start');
    assert.equal(simuliveShouldOpen(event, at(0)), true);
    assert.equal(simuliveShouldOpen(event, at(HOUR - 1)), true);
    assert.equal(simuliveShouldOpen(event, at(HOUR)), false, 'not once the window is over');
    assert.equal(simuliveShouldOpen({ ...event, playAsLive: false }, at(0)), false, 'plain on-demand waits');
    assert.equal(simuliveShouldOpen({ ...event, state: 'live' }, at(0)), false);
    assert.equal(simuliveShouldOpen({ ...event, state: 'cancelled' }, at(0)), false);
    assert.equal(simuliveShouldOpen({ ...event, mode: 'live' }, at(0)), false);
  });

  it('ends with the recording, or at the cap when the recording is longer', () => {
    assert.deepEqual(simuliveEnd(startsAt, 90, 8 * HOUR), { at: at(90_000), reason: 'recording-ended' });
    assert.deepEqual(simuliveEnd(startsAt, 9 * 3600, 8 * HOUR), { at: at(8 * HOUR), reason: 'duration-cap' });
  });

  it('puts everyone at the wall-clock position, within the recording', () => {
    const opened = startsAt.getTime();
    assert.equal(simulivePosition(opened, opened - 5000, 60), 0, 'clocks a little behind: the start');
    assert.equal(simulivePosition(opened, opened + 12_500, 60), 12.5);
    assert.equal(simulivePosition(opened, opened + 120_000, 60), 60, 'never past the end');
  });
});
