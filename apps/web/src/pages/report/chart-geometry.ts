// The attendance chart's arithmetic, apart from the component so it is unit tested: scales, the concurrent-attendee
// step line, the limit line and the buffer and overage bands, the peak moments, the join/leave bars and the rows of
// the chart's text alternative. Plain numbers and SVG path strings, no DOM.

export interface ChartPoint {
  /** ISO start of the bucket. */
  t: string;
  concurrent: number;
  joins: number;
  leaves: number;
}

export interface ChartSeries {
  from: string;
  to: string;
  bucketSeconds: number;
  limit: number;
  bufferSeats: number;
  points: ChartPoint[];
  peak: { at: string | null; concurrent: number };
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axes' labels. */
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface Band {
  /** SVG y of the band's top and bottom edges (top < bottom). */
  top: number;
  bottom: number;
}

export interface ChartGeometry {
  /** The plot area inside the margins. */
  plot: { left: number; right: number; top: number; bottom: number };
  yMax: number;
  yTicks: { value: number; y: number }[];
  xTicks: { ms: number; x: number }[];
  /** Step line of the most attendees seated in each bucket, and the area under it. */
  line: string;
  area: string;
  limitY: number;
  bufferBand: Band;
  overageBand: Band;
  /** Where the peak was reached: the start of each run of buckets at the peak (at most MAX_PEAK_MARKS). */
  peaks: { ms: number; x: number; y: number }[];
}

export const MAX_PEAK_MARKS = 5;

/** The smallest "round" number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above n. */
export function niceCeil(n: number): number {
  if (n <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

/** Round steps for an axis from 0 to max, about `count` of them. */
export function ticks(max: number, count: number): number[] {
  const step = niceCeil(max / Math.max(1, count));
  const out: number[] = [];
  for (let v = 0; v <= max + step / 1e6; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** Time ticks on whole 5, 10, 15, 30 minutes or 1, 2 hours, about `count` of them. */
export function timeTicks(fromMs: number, toMs: number, count: number): number[] {
  const span = Math.max(1, toMs - fromMs);
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 240].map((m) => m * 60_000);
  const step = steps.find((s) => span / s <= count) ?? steps[steps.length - 1];
  const out: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) out.push(t);
  return out;
}

export function chartGeometry(series: ChartSeries, box: ChartBox): ChartGeometry {
  const plot = {
    left: box.margin.left,
    right: Math.max(box.margin.left + 1, box.width - box.margin.right),
    top: box.margin.top,
    bottom: Math.max(box.margin.top + 1, box.height - box.margin.bottom),
  };
  const fromMs = Date.parse(series.from);
  const bucketMs = series.bucketSeconds * 1000;
  // The grid's last bucket may reach past `to`; the axis ends with it so every bucket has its full width.
  const toMs = Math.max(Date.parse(series.to), fromMs + series.points.length * bucketMs, fromMs + 1);
  const ceiling = series.limit + series.bufferSeats;
  // Room above the highest of peak and limit + buffer, so the overage band always shows.
  const yMax = niceCeil(Math.max(series.peak.concurrent, ceiling, 1) * 1.15);
  const x = (ms: number) => plot.left + ((ms - fromMs) / (toMs - fromMs)) * (plot.right - plot.left);
  const y = (n: number) => plot.bottom - (n / yMax) * (plot.bottom - plot.top);
  const r = (n: number) => Math.round(n * 10) / 10;

  let line = '';
  let area = '';
  series.points.forEach((p, i) => {
    const x0 = r(x(fromMs + i * bucketMs));
    const x1 = r(x(fromMs + (i + 1) * bucketMs));
    const yp = r(y(p.concurrent));
    line += i === 0 ? `M${x0} ${yp}H${x1}` : `V${yp}H${x1}`;
    area += i === 0 ? `M${x0} ${r(plot.bottom)}V${yp}H${x1}` : `V${yp}H${x1}`;
  });
  if (area) area += `V${r(plot.bottom)}Z`;

  const peaks: ChartGeometry['peaks'] = [];
  if (series.peak.concurrent > 0) {
    series.points.forEach((p, i) => {
      const atPeak = p.concurrent === series.peak.concurrent;
      const runStart = atPeak && (i === 0 || series.points[i - 1].concurrent !== series.peak.concurrent);
      if (runStart && peaks.length < MAX_PEAK_MARKS) {
        // The exact moment when the server knows it (the first run); the bucket's start for the others.
        const exact = peaks.length === 0 && series.peak.at ? Date.parse(series.peak.at) : fromMs + i * bucketMs;
        peaks.push({ ms: exact, x: r(x(exact)), y: r(y(p.concurrent)) });
      }
    });
  }

  return {
    plot,
    yMax,
    yTicks: ticks(yMax, 5).map((value) => ({ value, y: r(y(value)) })),
    xTicks: timeTicks(fromMs, toMs, Math.max(2, Math.floor((plot.right - plot.left) / 90))).map((ms) => ({
      ms,
      x: r(x(ms)),
    })),
    line,
    area,
    limitY: r(y(series.limit)),
    bufferBand: { top: r(y(Math.min(ceiling, yMax))), bottom: r(y(series.limit)) },
    overageBand: { top: plot.top, bottom: r(y(Math.min(ceiling, yMax))) },
    peaks,
  };
}

export interface FlowBars {
  /** Bars of joins above the axis, leaves below it, one path each. */
  joins: string;
  leaves: string;
  axisY: number;
  max: number;
}

/** Joins up and leaves down around a middle axis, one bar per bucket, scaled to the busiest bucket. */
export function flowBars(series: ChartSeries, box: ChartBox): FlowBars {
  const left = box.margin.left;
  const right = Math.max(left + 1, box.width - box.margin.right);
  const top = box.margin.top;
  const bottom = Math.max(top + 2, box.height - box.margin.bottom);
  const axisY = (top + bottom) / 2;
  const n = Math.max(1, series.points.length);
  const values = series.points.map((p) => Math.max(p.joins, p.leaves));
  const max = Math.max(1, ...values);
  // Scaled to the busy buckets, not to the one spike (everyone's seat freed when the event ends): taller bars are
  // clipped at the edge, and the accessible name gives the true maximum.
  const scale = Math.min(
    max,
    Math.max(
      1,
      quantile(
        values.filter((v) => v > 0),
        0.95,
      ) * 1.5,
    ),
  );
  const w = (right - left) / n;
  const half = axisY - top;
  const r = (v: number) => Math.round(v * 10) / 10;
  let joins = '';
  let leaves = '';
  series.points.forEach((p, i) => {
    const x0 = r(left + i * w);
    const bw = r(Math.max(0.5, w * 0.9));
    if (p.joins > 0) joins += `M${x0} ${r(axisY)}h${bw}v${-r(Math.min(1, p.joins / scale) * half)}h${-bw}Z`;
    if (p.leaves > 0) leaves += `M${x0} ${r(axisY)}h${bw}v${r(Math.min(1, p.leaves / scale) * half)}h${-bw}Z`;
  });
  return { joins, leaves, axisY: r(axisY), max };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export interface SummaryRow {
  from: string;
  to: string;
  /** Most attendees seated at once in the slice. */
  concurrent: number;
  joins: number;
  leaves: number;
}

/** The series in at most `slices` equal slices of time: the rows of the chart's table. */
export function summaryRows(series: ChartSeries, slices: number): SummaryRow[] {
  const fromMs = Date.parse(series.from);
  const bucketMs = series.bucketSeconds * 1000;
  const per = Math.max(1, Math.ceil(series.points.length / Math.max(1, slices)));
  const rows: SummaryRow[] = [];
  for (let i = 0; i < series.points.length; i += per) {
    const chunk = series.points.slice(i, i + per);
    rows.push({
      from: new Date(fromMs + i * bucketMs).toISOString(),
      to: new Date(fromMs + (i + chunk.length) * bucketMs).toISOString(),
      concurrent: Math.max(...chunk.map((p) => p.concurrent)),
      joins: chunk.reduce((s, p) => s + p.joins, 0),
      leaves: chunk.reduce((s, p) => s + p.leaves, 0),
    });
  }
  return rows;
}

/** How many series buckets to ask for: about one per pixel of the plot, in steps so a resize rarely refetches. */
export function pointsForWidth(plotWidth: number, min = 10, max = 3600): number {
  const stepped = Math.floor(plotWidth / 50) * 50;
  return Math.min(max, Math.max(min, stepped));
}
