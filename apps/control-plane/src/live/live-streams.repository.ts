import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

export interface IngestHealth {
  bitrateKbps: number;
  fps: number;
  droppedFrames: number;
  width?: number;
  height?: number;
  videoCodec?: string;
  audioCodec?: string;
  keyframeIntervalS?: number;
}

export interface LiveStreamRecord {
  eventId: string;
  assetId: string;
  outputPrefix: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  health: IngestHealth | null;
  healthAt: Date | null;
  replayReadyAt: Date | null;
}

type Row = {
  event_id: string;
  asset_id: string;
  output_prefix: string;
  started_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  health: IngestHealth | string | null;
  health_at: Date | null;
  replay_ready_at: Date | null;
};

const toRecord = (r: Row): LiveStreamRecord => ({
  eventId: r.event_id,
  assetId: r.asset_id,
  outputPrefix: r.output_prefix,
  startedAt: new Date(r.started_at),
  endedAt: r.ended_at ? new Date(r.ended_at) : null,
  endReason: r.end_reason,
  health: typeof r.health === 'string' ? (JSON.parse(r.health) as IngestHealth) : r.health,
  healthAt: r.health_at ? new Date(r.health_at) : null,
  replayReadyAt: r.replay_ready_at ? new Date(r.replay_ready_at) : null,
});

@Injectable()
export class LiveStreamsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(eventId: string): Promise<LiveStreamRecord | null> {
    const rows = await this.db.query<Row>('SELECT * FROM live_streams WHERE event_id = $1', [eventId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts the stream of an event once; a second go-live (the presenter resumed) keeps the first row. */
  async insertOnce(s: {
    eventId: string;
    assetId: string;
    outputPrefix: string;
    startedAt: Date;
  }): Promise<LiveStreamRecord> {
    await this.db.query(
      `INSERT INTO live_streams (event_id, asset_id, output_prefix, started_at) VALUES ($1, $2, $3, $4) ON CONFLICT (event_id) DO NOTHING`,
      [s.eventId, s.assetId, s.outputPrefix, s.startedAt],
    );
    return (await this.find(s.eventId))!;
  }

  async markEnded(eventId: string, reason: string): Promise<void> {
    await this.db.query(
      'UPDATE live_streams SET ended_at = now(), end_reason = $2 WHERE event_id = $1 AND ended_at IS NULL',
      [eventId, reason],
    );
  }

  async setHealth(eventId: string, health: IngestHealth): Promise<boolean> {
    const rows = await this.db.query<{ event_id: string }>(
      'UPDATE live_streams SET health = $2, health_at = now() WHERE event_id = $1 RETURNING event_id',
      [eventId, JSON.stringify(health)],
    );
    return rows.length > 0;
  }

  async markReplayReady(eventId: string): Promise<void> {
    await this.db.query('UPDATE live_streams SET replay_ready_at = now() WHERE event_id = $1', [eventId]);
  }

  async clearReplayReady(eventId: string): Promise<void> {
    await this.db.query('UPDATE live_streams SET replay_ready_at = NULL WHERE event_id = $1', [eventId]);
  }

  /**
   * Streams whose recording was never marked ready: their job may have finished or failed while the control plane was
   * down. Only of the last week, as long as the queue keeps a failed job.
   */
  async withoutReplay(): Promise<string[]> {
    const rows = await this.db.query<{ event_id: string }>(
      "SELECT event_id FROM live_streams WHERE replay_ready_at IS NULL AND started_at > now() - interval '8 days'",
    );
    return rows.map((r) => r.event_id);
  }

  /**
   * Stream keys of live-mode events that may publish: scheduled ones not past their scheduled end, and live ones (a
   * live event may run past its scheduled end, up to the cap, and its presenter may reconnect).
   */
  async publishableKeys(now: Date): Promise<Array<{ streamKey: string; eventId: string }>> {
    const rows = await this.db.query<{ stream_key: string; id: string }>(
      `SELECT stream_key, id FROM events WHERE mode = 'live' AND (state = 'live' OR (state = 'scheduled' AND ends_at > $1))`,
      [now],
    );
    return rows.map((r) => ({ streamKey: r.stream_key, eventId: r.id }));
  }

  /** Live events whose cap passed: actual start + cap <= now. */
  async overCap(now: Date, capMs: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM events WHERE state = 'live' AND actual_start_at + ($2::bigint * interval '1 millisecond') <= $1`,
      [now, capMs],
    );
    return rows.map((r) => r.id);
  }
}
