import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_TRENDING_HALF_LIFE_MS,
  STAGE_WATCH_RULES,
  countsAsView,
  creatorBreakdown,
  rankTrending,
  trendingScore,
  viewWeight,
  watchRecord,
} from '#domain';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-12-04T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('resuming a video', () => {
  it('saves nothing under 5 % watched', () => {
    assert.equal(watchRecord(0, 600), null);
    assert.equal(watchRecord(29, 600), null);
  });

  it('saves the position from 5 % on', () => {
    assert.deepEqual(watchRecord(30, 600), { positionSeconds: 30, watched: false });
    assert.deepEqual(watchRecord(312.5, 600), { positionSeconds: 312.5, watched: false });
  });

  it('marks the video watched from 90 % on, to start again at the beginning', () => {
    assert.deepEqual(watchRecord(539, 600), { positionSeconds: 539, watched: false });
    assert.deepEqual(watchRecord(540, 600), { positionSeconds: 0, watched: true });
    assert.deepEqual(watchRecord(600, 600), { positionSeconds: 0, watched: true });
  });

  it('takes a position past either end as that end', () => {
    assert.deepEqual(watchRecord(900, 600), { positionSeconds: 0, watched: true });
    assert.equal(watchRecord(-5, 600), null);
  });

  it('refuses a video without a duration', () => {
    assert.throws(() => watchRecord(10, 0), RangeError);
    assert.throws(() => watchRecord(Number.NaN, 600), RangeError);
  });
});

describe('counting views', () => {
  const play = { durationSeconds: 600, lastCountedAt: null, now: NOW };

  it('counts a view after 10 s of watching, not before', () => {
    assert.equal(countsAsView({ ...play, playedSeconds: 9.9 }), false);
    assert.equal(countsAsView({ ...play, playedSeconds: 10 }), true);
  });

  it('counts once per viewer per hour', () => {
    assert.equal(countsAsView({ ...play, playedSeconds: 60, lastCountedAt: ago(59 * 60_000) }), false);
    assert.equal(countsAsView({ ...play, playedSeconds: 60, lastCountedAt: ago(HOUR) }), true);
  });

  it('counts a video shorter than 10 s once played through', () => {
    assert.equal(countsAsView({ ...play, durationSeconds: 6, playedSeconds: 5 }), false);
    assert.equal(countsAsView({ ...play, durationSeconds: 6, playedSeconds: 6 }), true);
  });
});

describe("a creator's audience breakdown", () => {
  it('is hidden under 10 viewers', () => {
    assert.deepEqual(
      creatorBreakdown([
        { key: 'fr', viewers: 6 },
        { key: 'en', viewers: 3 },
      ]),
      { hidden: true },
    );
  });

  it('shows every group of 10 viewers or more', () => {
    assert.deepEqual(
      creatorBreakdown([
        { key: 'en', viewers: 10 },
        { key: 'fr', viewers: 40 },
      ]),
      {
        hidden: false,
        buckets: [
          { key: 'fr', viewers: 40 },
          { key: 'en', viewers: 10 },
        ],
        other: 0,
      },
    );
  });

  it('pools groups under 10 viewers into "other"', () => {
    assert.deepEqual(
      creatorBreakdown([
        { key: 'FR', viewers: 50 },
        { key: 'BE', viewers: 6 },
        { key: 'CH', viewers: 5 },
      ]),
      { hidden: false, buckets: [{ key: 'FR', viewers: 50 }], other: 11 },
    );
  });

  it('never shows fewer than 10 viewers in "other" either: the smallest group joins it', () => {
    assert.deepEqual(
      creatorBreakdown([
        { key: 'FR', viewers: 50 },
        { key: 'CA', viewers: 12 },
        { key: 'BE', viewers: 3 },
      ]),
      { hidden: false, buckets: [{ key: 'FR', viewers: 50 }], other: 15 },
    );
  });

  it('pools every group when none holds 10 viewers', () => {
    const groups = ['a', 'b', 'c', 'd'].map((key) => ({ key, viewers: 3 }));
    assert.deepEqual(creatorBreakdown(groups), { hidden: false, buckets: [], other: 12 });
  });

  it('follows a configured minimum', () => {
    assert.deepEqual(creatorBreakdown([{ key: 'fr', viewers: 12 }], { ...STAGE_WATCH_RULES, minimumAudience: 20 }), {
      hidden: true,
    });
  });
});

describe('trending', () => {
  it('weighs a view one half-life old half as much as a view now', () => {
    assert.equal(viewWeight(NOW, NOW), 1);
    assert.equal(viewWeight(ago(DEFAULT_TRENDING_HALF_LIFE_MS), NOW), 0.5);
    assert.equal(viewWeight(ago(2 * DAY), NOW, DAY), 0.25);
  });

  it('weighs a view from the future as a view now', () => {
    assert.equal(viewWeight(new Date(NOW.getTime() + HOUR), NOW), 1);
  });

  it('ranks three fresh views above ten views a month old', () => {
    const fresh = { id: 'fresh', viewTimes: [ago(HOUR), ago(2 * HOUR), ago(3 * HOUR)] };
    const old = { id: 'old', viewTimes: Array.from({ length: 10 }, (_, i) => ago(30 * DAY + i * HOUR)) };
    assert.deepEqual(
      rankTrending([old, fresh], NOW).map((v) => v.id),
      ['fresh', 'old'],
    );
  });

  it('ranks by all-time popularity as the half-life grows', () => {
    const fresh = { id: 'fresh', viewTimes: [ago(HOUR), ago(2 * HOUR), ago(3 * HOUR)] };
    const old = { id: 'old', viewTimes: Array.from({ length: 10 }, (_, i) => ago(30 * DAY + i * HOUR)) };
    assert.deepEqual(
      rankTrending([fresh, old], NOW, 365 * DAY).map((v) => v.id),
      ['old', 'fresh'],
    );
  });

  it('scores no views as zero and keeps the given order on equal scores', () => {
    assert.equal(trendingScore([], NOW), 0);
    const [a, b] = [
      { id: 'a', viewTimes: [] },
      { id: 'b', viewTimes: [] },
    ];
    assert.deepEqual(
      rankTrending([a, b], NOW).map((v) => v.id),
      ['a', 'b'],
    );
  });

  it('refuses a half-life that is not positive', () => {
    assert.throws(() => viewWeight(NOW, NOW, 0), RangeError);
  });
});
