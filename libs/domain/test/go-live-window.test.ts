import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError, GoLiveCandidate, assertMayOpenOnDemand, presenterMayPublish } from '#domain';

const at = (iso: string) => new Date(iso);
const MIN = 60_000;
const live: GoLiveCandidate = {
  mode: 'live',
  state: 'scheduled',
  startsAt: at('2030-01-01T10:00:00Z'),
  endsAt: at('2030-01-01T11:00:00Z'),
};
const onDemand: GoLiveCandidate = { ...live, mode: 'on-demand' };
const refusal = (field: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === 'conflict' && e.field === field;

describe("a presenter's stream", () => {
  it('takes a scheduled event live from the early start until its scheduled end', () => {
    assert.equal(presenterMayPublish(live, at('2030-01-01T09:45:00Z'), 15 * MIN), 'start');
    assert.equal(presenterMayPublish(live, at('2030-01-01T10:59:59Z'), 15 * MIN), 'start');
  });

  it('is refused before the early start, naming when the stream opens', () => {
    assert.throws(
      () => presenterMayPublish(live, at('2030-01-01T09:44:59Z'), 15 * MIN),
      (e: unknown) => refusal('startsAt')(e) && /opens 15 min before/.test(String(e)),
    );
  });

  it('is refused once the scheduled window ended', () => {
    assert.throws(() => presenterMayPublish(live, at('2030-01-01T11:00:00Z'), 15 * MIN), refusal('endsAt'));
  });

  it('resumes an event already live, even past its scheduled end (a reconnect, up to the cap)', () => {
    assert.equal(presenterMayPublish({ ...live, state: 'live' }, at('2030-01-01T12:00:00Z'), 15 * MIN), 'resume');
  });

  it('never takes an ended or cancelled event live again', () => {
    const noon = at('2030-01-01T10:30:00Z');
    assert.throws(() => presenterMayPublish({ ...live, state: 'ended' }, noon, 15 * MIN), refusal('state'));
    assert.throws(() => presenterMayPublish({ ...live, state: 'cancelled' }, noon, 15 * MIN), refusal('state'));
  });

  it('is refused for an on-demand event, which takes no live stream', () => {
    assert.throws(() => presenterMayPublish(onDemand, at('2030-01-01T10:30:00Z'), 15 * MIN), refusal('streamKey'));
  });
});

describe('opening an on-demand event', () => {
  const during = at('2030-01-01T10:30:00Z');

  it('is allowed before its scheduled end once a ready video is attached', () => {
    assert.doesNotThrow(() => assertMayOpenOnDemand(onDemand, during, true));
    assert.doesNotThrow(() => assertMayOpenOnDemand(onDemand, at('2030-01-01T08:00:00Z'), true));
  });

  it('waits for a ready video', () => {
    assert.throws(
      () => assertMayOpenOnDemand(onDemand, during, false),
      (e: unknown) => refusal('mode')(e) && /attach a ready video first/.test(String(e)),
    );
  });

  it('is refused once the scheduled window ended', () => {
    assert.throws(() => assertMayOpenOnDemand(onDemand, at('2030-01-01T11:00:00Z'), true), refusal('endsAt'));
  });

  it('is refused for a live event, which goes live when its presenter streams', () => {
    assert.throws(() => assertMayOpenOnDemand(live, during, true), refusal('mode'));
  });
});
