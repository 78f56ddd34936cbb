import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import type { AdmissionPhase, AttendanceEntry } from '#seat-ledger';
import { DATABASE } from '../infrastructure/di-tokens';
import type { SeriesBucket, SeriesGrid } from './attendance-series';

export interface StoredAttendance extends AttendanceEntry {
  streamId: string;
  /** The stream the entry came from: the event's own, or the deployment's shared one of before (ids are per stream). */
  stream: 'event' | 'shared';
}

type Row = {
  stream_id: string;
  stream: StoredAttendance['stream'];
  event_id: string;
  registrant_id: string;
  device_id: string;
  node: string;
  kind: 'join' | 'leave';
  tier: AttendanceEntry['tier'];
  edge: AttendanceEntry['edge'];
  reason: string;
  at: Date | string;
  seats: number;
  phase: AttendanceEntry['phase'];
};

@Injectable()
export class AttendanceRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Stores a batch of stream entries at once; entries already stored are skipped, peaks only ever rise. */
  async append(entries: StoredAttendance[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < entries.length; i += 500) {
        const chunk = entries.slice(i, i + 500);
        const params: unknown[] = [];
        const rows = chunk.map((e) => {
          params.push(
            e.streamId,
            e.eventId,
            e.registrantId,
            e.deviceId,
            e.node,
            e.kind,
            e.tier,
            e.edge,
            e.reason,
            new Date(e.at),
            e.seats,
            e.phase,
            e.stream,
          );
          const b = params.length - 13;
          return `(${Array.from({ length: 13 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
        });
        await tx.query(
          `INSERT INTO attendance_log (stream_id, event_id, registrant_id, device_id, node, kind, tier, edge, reason, at, seats, phase, stream)
           VALUES ${rows.join(', ')} ON CONFLICT (event_id, stream, stream_id) DO NOTHING`,
          params,
        );
      }
      const peaks = new Map<string, { seats: number; at: number }>();
      for (const e of entries) {
        if (e.phase !== 'live') continue; // peaks bill the live phase only
        const p = peaks.get(e.eventId);
        if (!p || e.seats > p.seats) peaks.set(e.eventId, { seats: e.seats, at: e.at });
      }
      for (const [eventId, p] of peaks) {
        await tx.query(
          `INSERT INTO attendance_peaks (event_id, peak_concurrent, peak_at) VALUES ($1, $2, $3)
           ON CONFLICT (event_id) DO UPDATE SET
             peak_at = CASE WHEN EXCLUDED.peak_concurrent > attendance_peaks.peak_concurrent THEN EXCLUDED.peak_at ELSE attendance_peaks.peak_at END,
             peak_concurrent = GREATEST(attendance_peaks.peak_concurrent, EXCLUDED.peak_concurrent)`,
          [eventId, p.seats, new Date(p.at)],
        );
      }
    });
  }

  async listByEvent(eventId: string): Promise<StoredAttendance[]> {
    const rows = await this.db.query<Row>('SELECT * FROM attendance_log WHERE event_id = $1 ORDER BY at, stream_id', [
      eventId,
    ]);
    return rows.map((r) => ({
      streamId: r.stream_id,
      stream: r.stream,
      eventId: r.event_id,
      registrantId: r.registrant_id,
      deviceId: r.device_id,
      node: r.node,
      kind: r.kind,
      tier: r.tier,
      edge: r.edge,
      reason: r.reason,
      at: new Date(r.at).getTime(),
      seats: Number(r.seats),
      phase: r.phase,
    }));
  }

  /**
   * One phase of an event's log aggregated per bucket of the grid starting at `from`, in one pass: the most seats
   * held after a change (and when first), the seats opened and closed. Entries before `from` count into the first
   * bucket (clock skew between Redis and the control plane), those at its very end into the last one (the seats freed
   * when the event ends); entries after the grid are not part of it.
   */
  async seriesBuckets(eventId: string, phase: AdmissionPhase, from: Date, grid: SeriesGrid): Promise<SeriesBucket[]> {
    const rows = await this.db.query<{
      bucket: number;
      max_seats: number;
      max_at: Date | string;
      net: number;
      joins: number;
      leaves: number;
    }>(
      // One aggregation, no join back to find when the maximum was reached: a join over the freshly written log
      // (no statistics yet) led the planner into a nested loop of seconds.
      `SELECT bucket, max(seats) AS max_seats, (array_agg(at ORDER BY seats DESC, at))[1] AS max_at,
              sum(delta)::int AS net, count(*) FILTER (WHERE delta = 1)::int AS joins,
              count(*) FILTER (WHERE delta = -1)::int AS leaves
       FROM (
         SELECT at, seats, CASE edge WHEN 'open' THEN 1 WHEN 'close' THEN -1 ELSE 0 END AS delta,
                LEAST($6::int - 1, GREATEST(0, floor(extract(epoch FROM (at - $3::timestamptz)) / $4::int)))::int AS bucket
         FROM attendance_log
         WHERE event_id = $1 AND phase = $2 AND at <= $5::timestamptz
       ) log
       GROUP BY bucket
       ORDER BY bucket`,
      [
        eventId,
        phase,
        from,
        grid.bucketSeconds,
        new Date(from.getTime() + grid.count * grid.bucketSeconds * 1000),
        grid.count,
      ],
    );
    return rows.map((r) => ({
      bucket: Number(r.bucket),
      maxSeats: Number(r.max_seats),
      maxAt: new Date(r.max_at).getTime(),
      net: Number(r.net),
      joins: Number(r.joins),
      leaves: Number(r.leaves),
    }));
  }

  async peakOf(eventId: string): Promise<{ peakConcurrent: number; peakAt: Date | null }> {
    const rows = await this.db.query<{ peak_concurrent: number; peak_at: Date }>(
      'SELECT peak_concurrent, peak_at FROM attendance_peaks WHERE event_id = $1',
      [eventId],
    );
    return rows[0]
      ? { peakConcurrent: Number(rows[0].peak_concurrent), peakAt: new Date(rows[0].peak_at) }
      : { peakConcurrent: 0, peakAt: null };
  }
}
