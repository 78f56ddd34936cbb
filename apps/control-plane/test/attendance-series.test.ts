import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seriesGrid, seriesPoints } from '../src/attendance/attendance-series';

const HOUR = 3_600_000;

describe('attendance series grid (pure)', () => {
  it('fits an 8-hour event in 600 buckets of 48 s', () => {
    assert.deepEqual(seriesGrid(0, 8 * HOUR, 600), { bucketSeconds: 48, count: 600 });
  });
  it('never asks for more points than given: a millisecond more takes 49 s buckets', () => {
    assert.deepEqual(seriesGrid(0, 8 * HOUR + 1, 600), { bucketSeconds: 49, count: 588 });
  });
  it('keeps buckets at one second at least, and one bucket for an event of no length', () => {
    assert.deepEqual(seriesGrid(0, 90_500, 3600), { bucketSeconds: 1, count: 91 });
    assert.deepEqual(seriesGrid(5, 5, 10), { bucketSeconds: 1, count: 1 });
  });
});

describe('attendance series points (pure)', () => {
  it('carries the seats held into buckets without change and keeps the first moment of the peak', () => {
    const { points, peak } = seriesPoints(0, { bucketSeconds: 10, count: 4 }, [
      { bucket: 0, maxSeats: 3, maxAt: 4000, net: 3, joins: 3, leaves: 0 },
      { bucket: 2, maxSeats: 3, maxAt: 21_000, net: -1, joins: 1, leaves: 2 },
    ]);
    assert.deepEqual(
      points.map((p) => [p.t, p.concurrent, p.joins, p.leaves]),
      [
        ['1970-01-01T00:00:00.000Z', 3, 3, 0],
        ['1970-01-01T00:00:10.000Z', 3, 0, 0],
        ['1970-01-01T00:00:20.000Z', 3, 1, 2],
        ['1970-01-01T00:00:30.000Z', 2, 0, 0],
      ],
    );
    assert.deepEqual(peak, { at: '1970-01-01T00:00:04.000Z', concurrent: 3 });
  });
});
