import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attendeeRows } from '../src/pages/report/attendee-rows';
import {
  chartGeometry,
  flowBars,
  niceCeil,
  pointsForWidth,
  summaryRows,
  type ChartSeries,
} from '../src/pages/report/chart-geometry';

const from = '2026-03-01T10:00:00.000Z';
const at = (min: number) => new Date(Date.parse(from) + min * 60_000).toISOString();
// Ten one-minute buckets: 0, 50, 100, 130, 130, 90, 130, 60, 20, 0 attendees; limit 100, buffer 10.
const counts = [0, 50, 100, 130, 130, 90, 130, 60, 20, 0];
const series: ChartSeries = {
  from,
  to: at(10),
  bucketSeconds: 60,
  limit: 100,
  bufferSeats: 10,
  points: counts.map((c, i) => ({ t: at(i), concurrent: c, joins: i < 4 ? 40 : 0, leaves: i > 6 ? 30 : 0 })),
  peak: { at: at(3.5), concurrent: 130 },
};
const box = { width: 600, height: 300, margin: { top: 10, right: 10, bottom: 30, left: 50 } };

describe("the attendance chart's geometry", () => {
  it('leaves room above the highest of peak and limit + buffer on a round scale', () => {
    assert.equal(niceCeil(149.5), 150);
    assert.equal(niceCeil(254), 300);
    assert.equal(niceCeil(23), 25);
    assert.equal(chartGeometry(series, box).yMax, 150);
  });

  it('draws the limit line, the buffer band from limit to limit + buffer and the overage band above it', () => {
    const g = chartGeometry(series, box);
    const y = (n: number) => Math.round((270 - (n / 150) * 260) * 10) / 10;
    assert.equal(g.limitY, y(100));
    assert.deepEqual(g.bufferBand, { top: y(110), bottom: y(100) });
    assert.deepEqual(g.overageBand, { top: 10, bottom: y(110) });
  });

  it('marks each run at the peak once, the first at the exact moment', () => {
    const g = chartGeometry(series, box);
    assert.deepEqual(
      g.peaks.map((p) => new Date(p.ms).toISOString()),
      [at(3.5), at(6)],
    );
  });

  it('draws one step per bucket across the whole plot', () => {
    const g = chartGeometry(series, box);
    assert.match(g.line, /^M50 270H104V183.3/);
    assert.equal((g.line.match(/H/g) ?? []).length, 10);
    assert.ok(g.line.endsWith('H590'));
    assert.ok(g.area.endsWith('V270Z'));
  });

  it('puts joins above the axis and leaves below it', () => {
    const f = flowBars(series, { ...box, height: 100, margin: { ...box.margin, top: 10, bottom: 10 } });
    assert.equal(f.max, 40);
    assert.equal((f.joins.match(/M/g) ?? []).length, 4);
    assert.equal((f.leaves.match(/M/g) ?? []).length, 3);
    assert.match(f.joins, /v-40h-48.6Z/);
  });

  it('summarises the series in equal slices for its table', () => {
    const rows = summaryRows(series, 5);
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[1], { from: at(2), to: at(4), concurrent: 130, joins: 80, leaves: 0 });
  });

  it('asks for about one bucket per pixel, in steps of 50, within the API bounds', () => {
    assert.equal(pointsForWidth(1234), 1200);
    assert.equal(pointsForWidth(3), 10);
    assert.equal(pointsForWidth(9000), 3600);
  });
});

describe('the per-attendee table', () => {
  const a = (name: string, sessions: number, watchMinutes: number) => ({
    registrantId: name,
    name,
    email: `${name.toLowerCase()}@example.org`,
    sessions: Array.from({ length: sessions }, (_, i) => ({ joinAt: at(i + name.length) })),
    devices: 1,
    watchMinutes,
  });
  const all = [a('Grace', 2, 30), a('Ada', 1, 90), a('Alan', 3, 30), a('Barbara', 1, 10)];

  it('searches name and email, whatever the case', () => {
    const r = attendeeRows(all, { q: 'A@EXAMPLE', sort: { key: 'name', descending: false }, offset: 0, limit: 10 });
    assert.deepEqual(
      r.items.map((x) => x.name),
      ['Ada', 'Barbara'],
    );
  });

  it('sorts by a column, ties by name, and pages', () => {
    const sort = { key: 'watchMinutes' as const, descending: true };
    const first = attendeeRows(all, { q: '', sort, offset: 0, limit: 2 });
    assert.equal(first.total, 4);
    assert.deepEqual(
      first.items.map((x) => x.name),
      ['Ada', 'Alan'],
    );
    assert.deepEqual(
      attendeeRows(all, { q: '', sort, offset: 2, limit: 2 }).items.map((x) => x.name),
      ['Grace', 'Barbara'],
    );
  });
});
