import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DomainError,
  assertTransition,
  assertValidEventWindow,
  canTransition,
  liveCutoff,
  windowsOverlap,
} from '#domain';

const at = (iso: string) => new Date(iso);

describe('event length', () => {
  it('accepts exactly 8 hours', () => {
    assert.doesNotThrow(() =>
      assertValidEventWindow({ startsAt: at('2030-01-01T09:00:00Z'), endsAt: at('2030-01-01T17:00:00Z') }),
    );
  });
  it('refuses 8 hours and 1 minute, naming endsAt', () => {
    assert.throws(
      () => assertValidEventWindow({ startsAt: at('2030-01-01T09:00:00Z'), endsAt: at('2030-01-01T17:01:00Z') }),
      (e: unknown) =>
        e instanceof DomainError && e.kind === 'invalid' && e.field === 'endsAt' && /8 h 1 min/.test(e.message),
    );
  });
  it('refuses an end before (or at) the start', () => {
    assert.throws(
      () => assertValidEventWindow({ startsAt: at('2030-01-01T09:00:00Z'), endsAt: at('2030-01-01T08:00:00Z') }),
      DomainError,
    );
    assert.throws(
      () => assertValidEventWindow({ startsAt: at('2030-01-01T09:00:00Z'), endsAt: at('2030-01-01T09:00:00Z') }),
      DomainError,
    );
  });
  it('ends a live event at actual start + 8 h', () => {
    assert.equal(liveCutoff(at('2030-01-01T09:03:00Z')).toISOString(), '2030-01-01T17:03:00.000Z');
  });
});

describe('one event at a time', () => {
  const nine_ten = { startsAt: at('2030-01-01T09:00:00Z'), endsAt: at('2030-01-01T10:00:00Z') };
  it('sees overlapping windows', () => {
    assert.equal(
      windowsOverlap(nine_ten, { startsAt: at('2030-01-01T09:59:00Z'), endsAt: at('2030-01-01T11:00:00Z') }),
      true,
    );
    assert.equal(
      windowsOverlap(nine_ten, { startsAt: at('2030-01-01T08:00:00Z'), endsAt: at('2030-01-01T12:00:00Z') }),
      true,
    );
  });
  it('accepts back-to-back events', () => {
    assert.equal(
      windowsOverlap(nine_ten, { startsAt: at('2030-01-01T10:00:00Z'), endsAt: at('2030-01-01T11:00:00Z') }),
      false,
    );
  });
});

describe('event state machine', () => {
  it('goes scheduled -> live -> ended and scheduled -> cancelled only', () => {
    assert.equal(canTransition('scheduled', 'live'), true);
    assert.equal(canTransition('live', 'ended'), true);
    assert.equal(canTransition('scheduled', 'cancelled'), true);
    assert.equal(canTransition('live', 'cancelled'), false);
    assert.equal(canTransition('ended', 'live'), false);
    assert.equal(canTransition('cancelled', 'scheduled'), false);
    assert.throws(
      () => assertTransition('ended', 'live'),
      (e: unknown) => e instanceof DomainError && e.kind === 'conflict',
    );
  });
});
