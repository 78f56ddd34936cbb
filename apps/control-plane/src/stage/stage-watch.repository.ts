import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '#database';
import { STAGE_WATCH_RULES, countsAsView, watchRecord } from '#domain';
import { DATABASE } from '../infrastructure/di-tokens';

/** One progress report from a viewer's player. */
export interface WatchProgress {
  /** Where the playhead is now. */
  positionSeconds: number;
  /** The video's duration as the player knows it; the stored duration wins when there is one. */
  durationSeconds: number;
  /** Seconds actually played in this playback (seeking ahead plays nothing): what a view counts. */
  playedSeconds: number;
}

/**
 * What a progress report did. `kept`: `position` (resume from there), `watched` (seen through, the next play starts
 * at the beginning), `nothing` (under the resume threshold, or older than a report already kept: what was there
 * stays). `paused`: the viewer paused their history, nothing of theirs was recorded. `unavailable`: no such viewer,
 * or the video is not published.
 */
export type WatchProgressOutcome =
  | { recorded: true; kept: 'position' | 'watched' | 'nothing'; resumeAt: number | null; viewCounted: boolean }
  | { recorded: false; reason: 'paused' | 'unavailable' };

/** A video the viewer started and did not finish, as "continue watching" shows it. */
export interface ContinueWatchingItem {
  videoId: string;
  title: string;
  channelName: string;
  durationSeconds: number | null;
  posterKey: string | null;
  positionSeconds: number;
  updatedAt: string;
}

/** A line of the viewer's history page; also what their export holds, plain JSON. */
export interface StageHistoryEntry {
  videoId: string;
  title: string;
  channelName: string;
  durationSeconds: number | null;
  posterKey: string | null;
  /** Where the next play starts: 0 once watched. */
  positionSeconds: number;
  watched: boolean;
  /** False when the video was unpublished or moderated since: the line stays theirs to see, remove or export. */
  available: boolean;
  updatedAt: string;
}

export interface StageHistoryPage {
  total: number;
  items: StageHistoryEntry[];
}

export interface StageHistoryExport {
  viewerId: string;
  history: StageHistoryEntry[];
}

export const STAGE_WATCH_MAX_LIMIT = 50;

type VideoRow = { status: string; duration_seconds: number | null };

type EntryRow = {
  total: number;
  video_id: string | null;
  title: string;
  channel_name: string;
  duration_seconds: number | null;
  poster_key: string | null;
  position_seconds: number;
  watched: boolean;
  status: string;
  updated_at: Date | string;
};

// $1 viewer, $2 limit (null: every row, for the export), $3 offset. Newest first; the video id breaks ties so that
// pages never overlap.
const HISTORY = `
WITH mine AS (
  SELECT w.video_id, w.position_seconds, w.watched, w.updated_at, v.title, v.duration_seconds, v.poster_key,
         v.status, c.name AS channel_name
  FROM stage_watch w JOIN stage_videos v ON v.id = w.video_id JOIN stage_channels c ON c.id = v.channel_id
  WHERE w.viewer_id = $1
),
page AS (SELECT * FROM mine ORDER BY updated_at DESC, video_id LIMIT $2 OFFSET $3)
SELECT (SELECT count(*) FROM mine)::int AS total, page.*
FROM (SELECT 1) AS one LEFT JOIN page ON true
ORDER BY page.updated_at DESC, page.video_id`;

/** A viewer's watching on Stage: where to resume, what they saw, the views it counts, and the history they control. */
@Injectable()
export class StageWatchRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async recordProgress(
    viewerId: string,
    videoId: string,
    progress: WatchProgress,
    now: Date = new Date(),
  ): Promise<WatchProgressOutcome> {
    return this.db.transaction(async (tx) => {
      // The viewer's row is locked so that two devices reporting at once count one view, not two.
      const [viewer] = await tx.query<{ history_paused: boolean }>(
        `SELECT history_paused FROM viewers WHERE id = $1 FOR NO KEY UPDATE`,
        [viewerId],
      );
      if (!viewer) return { recorded: false, reason: 'unavailable' };
      if (viewer.history_paused) return { recorded: false, reason: 'paused' };
      const [video] = await tx.query<VideoRow>(`SELECT status, duration_seconds FROM stage_videos WHERE id = $1`, [
        videoId,
      ]);
      if (!video || video.status !== 'published') return { recorded: false, reason: 'unavailable' };
      const duration = video.duration_seconds === null ? progress.durationSeconds : Number(video.duration_seconds);

      const record = watchRecord(progress.positionSeconds, duration, STAGE_WATCH_RULES);
      const stored = record !== null && (await keep(tx, viewerId, videoId, record, now));
      const viewCounted = await this.countView(tx, viewerId, videoId, progress.playedSeconds, duration, now);
      if (!stored) return { recorded: true, kept: 'nothing', resumeAt: null, viewCounted };
      return record.watched
        ? { recorded: true, kept: 'watched', resumeAt: null, viewCounted }
        : { recorded: true, kept: 'position', resumeAt: record.positionSeconds, viewCounted };
    });
  }

  /** Where to start the video for this viewer, on any of their devices: null when never kept, or watched. */
  async resumePosition(viewerId: string, videoId: string): Promise<number | null> {
    const [row] = await this.db.query<{ position_seconds: number }>(
      `SELECT position_seconds FROM stage_watch WHERE viewer_id = $1 AND video_id = $2 AND NOT watched`,
      [viewerId, videoId],
    );
    return row ? Number(row.position_seconds) : null;
  }

  /** Videos started and not finished, most recently watched first; only those still published. */
  async continueWatching(viewerId: string, limit: number): Promise<ContinueWatchingItem[]> {
    const rows = await this.db.query<EntryRow>(
      `SELECT w.video_id, w.position_seconds, w.updated_at, v.title, v.duration_seconds, v.poster_key,
              c.name AS channel_name
       FROM stage_watch w JOIN stage_videos v ON v.id = w.video_id JOIN stage_channels c ON c.id = v.channel_id
       WHERE w.viewer_id = $1 AND NOT w.watched AND w.position_seconds > 0 AND v.status = 'published'
       ORDER BY w.updated_at DESC, w.video_id
       LIMIT $2`,
      [viewerId, clampLimit(limit)],
    );
    return rows.map((r) => ({
      videoId: r.video_id as string,
      title: r.title,
      channelName: r.channel_name,
      durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
      posterKey: r.poster_key,
      positionSeconds: Number(r.position_seconds),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /** The viewer's history page: everything they started, watched or not, most recent first. */
  async history(viewerId: string, opts: { limit: number; offset: number }): Promise<StageHistoryPage> {
    const rows = await this.db.query<EntryRow>(HISTORY, [
      viewerId,
      clampLimit(opts.limit),
      Math.max(Math.trunc(opts.offset), 0),
    ]);
    return { total: Number(rows[0]?.total ?? 0), items: rows.filter((r) => r.video_id !== null).map(toEntry) };
  }

  /** Every line of the history, in the history's order, as plain JSON. */
  async export(viewerId: string): Promise<StageHistoryExport> {
    const rows = await this.db.query<EntryRow>(HISTORY, [viewerId, null, 0]);
    return { viewerId, history: rows.filter((r) => r.video_id !== null).map(toEntry) };
  }

  /**
   * Forgets one video of the viewer's history. Its counted views stay in the creator's totals but no longer name
   * the viewer: a history they removed must not survive as a list of views.
   */
  async remove(viewerId: string, videoId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const gone = await tx.query(`DELETE FROM stage_watch WHERE viewer_id = $1 AND video_id = $2 RETURNING 1`, [
        viewerId,
        videoId,
      ]);
      await tx.query(`UPDATE stage_views SET viewer_id = NULL WHERE viewer_id = $1 AND video_id = $2`, [
        viewerId,
        videoId,
      ]);
      return gone.length > 0;
    });
  }

  /** Forgets the whole history, the same way as `remove`. Returns how many videos it held. */
  async clear(viewerId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const gone = await tx.query(`DELETE FROM stage_watch WHERE viewer_id = $1 RETURNING 1`, [viewerId]);
      await tx.query(`UPDATE stage_views SET viewer_id = NULL WHERE viewer_id = $1`, [viewerId]);
      return gone.length;
    });
  }

  private async countView(
    tx: Queryable,
    viewerId: string,
    videoId: string,
    playedSeconds: number,
    durationSeconds: number,
    now: Date,
  ): Promise<boolean> {
    const [last] = await tx.query<{ counted_at: Date | string | null }>(
      `SELECT max(counted_at) AS counted_at FROM stage_views WHERE viewer_id = $1 AND video_id = $2`,
      [viewerId, videoId],
    );
    const lastCountedAt = last?.counted_at ? new Date(last.counted_at) : null;
    if (!countsAsView({ playedSeconds, durationSeconds, lastCountedAt, now }, STAGE_WATCH_RULES)) return false;
    await tx.query(`INSERT INTO stage_views (viewer_id, video_id, counted_at) VALUES ($1, $2, $3)`, [
      viewerId,
      videoId,
      now,
    ]);
    return true;
  }
}

/** Stores the record unless a later report (another device, a retried request) was kept already. */
async function keep(
  tx: Queryable,
  viewerId: string,
  videoId: string,
  record: { positionSeconds: number; watched: boolean },
  now: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO stage_watch (viewer_id, video_id, position_seconds, watched, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (viewer_id, video_id) DO UPDATE
       SET position_seconds = EXCLUDED.position_seconds, watched = EXCLUDED.watched, updated_at = EXCLUDED.updated_at
       WHERE stage_watch.updated_at <= EXCLUDED.updated_at
     RETURNING 1`,
    [viewerId, videoId, record.positionSeconds, record.watched, now],
  );
  return rows.length > 0;
}

function clampLimit(limit: number): number {
  return Math.min(Math.max(Math.trunc(limit), 1), STAGE_WATCH_MAX_LIMIT);
}

function toEntry(r: EntryRow): StageHistoryEntry {
  return {
    videoId: r.video_id as string,
    title: r.title,
    channelName: r.channel_name,
    durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
    posterKey: r.poster_key,
    positionSeconds: Number(r.position_seconds),
    watched: r.watched,
    available: r.status === 'published',
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
