// The concurrent-attendee series of an event, bucketed for a chart: pure arithmetic over the per-bucket figures the
// database aggregates from the attendance log (attendance.repository.ts).

/** What SQL gives per non-empty bucket. */
export interface SeriesBucket {
  bucket: number;
  /** The most seats held right after any change in the bucket (the ledger logs the count with every change). */
  maxSeats: number;
  /** When that count was first reached in the bucket (ms). */
  maxAt: number;
  /** Seats opened minus seats closed in the bucket. */
  net: number;
  /** Seats opened (registrants admitted) and closed (registrants gone) in the bucket. */
  joins: number;
  leaves: number;
}

export interface SeriesPoint {
  /** ISO start of the bucket. */
  t: string;
  /** Most attendees seated at any moment of the bucket. */
  concurrent: number;
  joins: number;
  leaves: number;
}

export interface SeriesGrid {
  bucketSeconds: number;
  count: number;
}

/** Whole-second buckets, as few seconds each as lets `points` of them cover [from, to). */
export function seriesGrid(fromMs: number, toMs: number, points: number): SeriesGrid {
  const spanMs = Math.max(0, toMs - fromMs);
  const bucketSeconds = Math.max(1, Math.ceil(spanMs / 1000 / points));
  return { bucketSeconds, count: Math.max(1, Math.ceil(spanMs / (bucketSeconds * 1000))) };
}

/**
 * Every bucket of the grid, empty ones included. A bucket's concurrency is the larger of the seats held when it began
 * (the running sum of opens and closes before it) and the most held after a change inside it; so a bucket with only
 * leaves still shows who was there at its start, and a bucket with no change carries the count on.
 */
export function seriesPoints(
  fromMs: number,
  grid: SeriesGrid,
  buckets: SeriesBucket[],
): { points: SeriesPoint[]; peak: { at: string | null; concurrent: number } } {
  const byBucket = new Map(buckets.map((b) => [b.bucket, b]));
  const points: SeriesPoint[] = [];
  let seated = 0;
  let peak: { at: number | null; concurrent: number } = { at: null, concurrent: 0 };
  for (let i = 0; i < grid.count; i++) {
    const b = byBucket.get(i);
    points.push({
      t: new Date(fromMs + i * grid.bucketSeconds * 1000).toISOString(),
      concurrent: Math.max(seated, b?.maxSeats ?? 0),
      joins: b?.joins ?? 0,
      leaves: b?.leaves ?? 0,
    });
    if (b) {
      if (b.maxSeats > peak.concurrent) peak = { at: b.maxAt, concurrent: b.maxSeats };
      seated = Math.max(0, seated + b.net);
    }
  }
  return {
    points,
    peak: { at: peak.at === null ? null : new Date(peak.at).toISOString(), concurrent: peak.concurrent },
  };
}
