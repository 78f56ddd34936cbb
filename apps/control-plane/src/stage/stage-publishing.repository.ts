import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

export type StageVisibility = 'public' | 'unlisted' | 'account';
export type StageVideoStatus = 'published' | 'unpublished' | 'restricted' | 'taken_down';
export type StageLanguage = 'fr' | 'en';

export interface StageChannelRecord {
  id: string;
  accountId: string;
  name: string;
  description: string;
  createdAt: Date;
}

export interface StageVideoRecord {
  id: string;
  channelId: string;
  accountId: string;
  assetId: string | null;
  /** The organizer who uploaded the asset (null once the asset is gone). */
  ownerId: string | null;
  title: string;
  description: string;
  tags: string[];
  language: StageLanguage;
  visibility: StageVisibility;
  status: StageVideoStatus;
  publishedAt: Date | null;
  durationSeconds: number | null;
  posterKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StageVideoFields {
  title: string;
  description: string;
  tags: string[];
  language: StageLanguage;
  visibility: StageVisibility;
}

type ChannelRow = { id: string; account_id: string; name: string; description: string; created_at: Date | string };
type VideoRow = {
  id: string;
  channel_id: string;
  account_id: string;
  asset_id: string | null;
  owner_id: string | null;
  title: string;
  description: string;
  tags: string[];
  language: StageLanguage;
  visibility: StageVisibility;
  status: StageVideoStatus;
  published_at: Date | string | null;
  duration_seconds: number | string | null;
  poster_key: string | null;
  created_at: Date | string;
  updated_at: Date | string;
};

const toChannel = (r: ChannelRow): StageChannelRecord => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  description: r.description,
  createdAt: new Date(r.created_at),
});

const toVideo = (r: VideoRow): StageVideoRecord => ({
  id: r.id,
  channelId: r.channel_id,
  accountId: r.account_id,
  assetId: r.asset_id,
  ownerId: r.owner_id,
  title: r.title,
  description: r.description,
  tags: r.tags,
  language: r.language,
  visibility: r.visibility,
  status: r.status,
  publishedAt: r.published_at === null ? null : new Date(r.published_at),
  durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
  posterKey: r.poster_key,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

// Every read names the account through the channel, so a video of another account is simply not found.
const VIDEO = `SELECT v.id, v.channel_id, c.account_id, v.asset_id, a.owner_id, v.title, v.description, v.tags,
  v.language, v.visibility, v.status, v.published_at, v.duration_seconds, v.poster_key, v.created_at, v.updated_at
  FROM stage_videos v JOIN stage_channels c ON c.id = v.channel_id LEFT JOIN media_assets a ON a.id = v.asset_id`;

/** The Stage channel of each account and the videos its organizers publish there. */
@Injectable()
export class StagePublishingRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The account's channel, created on its first publish and named after the account. */
  async channelOfAccount(accountId: string, id: string): Promise<StageChannelRecord> {
    await this.db.query(
      `INSERT INTO stage_channels (id, account_id, name)
       SELECT $1::uuid, a.id, left(a.name, 200) FROM accounts a WHERE a.id = $2::uuid
       ON CONFLICT (account_id) DO NOTHING`,
      [id, accountId],
    );
    const rows = await this.db.query<ChannelRow>('SELECT * FROM stage_channels WHERE account_id = $1', [accountId]);
    return toChannel(rows[0]);
  }

  async channel(id: string): Promise<StageChannelRecord | null> {
    const rows = await this.db.query<ChannelRow>('SELECT * FROM stage_channels WHERE id = $1', [id]);
    return rows[0] ? toChannel(rows[0]) : null;
  }

  /** A published video of a ready asset; null when the asset is on Stage already (asset_id is unique). */
  async publish(v: {
    id: string;
    channelId: string;
    assetId: string;
    fields: StageVideoFields;
    durationSeconds: number | null;
    posterKey: string | null;
  }): Promise<StageVideoRecord | null> {
    const f = v.fields;
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO stage_videos (id, channel_id, asset_id, title, description, tags, language, visibility, status,
         published_at, duration_seconds, poster_key)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, 'published', now(), $9, $10)
       ON CONFLICT (asset_id) DO NOTHING RETURNING id`,
      [
        v.id,
        v.channelId,
        v.assetId,
        f.title,
        f.description,
        f.tags,
        f.language,
        f.visibility,
        v.durationSeconds,
        v.posterKey,
      ],
    );
    return rows[0] ? this.video(rows[0].id) : null;
  }

  async video(id: string): Promise<StageVideoRecord | null> {
    const rows = await this.db.query<VideoRow>(`${VIDEO} WHERE v.id = $1`, [id]);
    return rows[0] ? toVideo(rows[0]) : null;
  }

  async videoOfAccount(accountId: string, id: string): Promise<StageVideoRecord | null> {
    const rows = await this.db.query<VideoRow>(`${VIDEO} WHERE v.id = $1 AND c.account_id = $2`, [id, accountId]);
    return rows[0] ? toVideo(rows[0]) : null;
  }

  /** Every video of the account's channel, whatever its status, newest first. */
  async videosOfAccount(accountId: string): Promise<StageVideoRecord[]> {
    const rows = await this.db.query<VideoRow>(`${VIDEO} WHERE c.account_id = $1 ORDER BY v.created_at DESC, v.id`, [
      accountId,
    ]);
    return rows.map(toVideo);
  }

  async update(id: string, f: StageVideoFields): Promise<StageVideoRecord | null> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE stage_videos SET title = $2, description = $3, tags = $4::text[], language = $5, visibility = $6,
         updated_at = now() WHERE id = $1 RETURNING id`,
      [id, f.title, f.description, f.tags, f.language, f.visibility],
    );
    return rows[0] ? this.video(id) : null;
  }

  /**
   * published <-> unpublished, and only between those two: restricted and taken_down are moderation's to lift.
   * A video published again keeps its first publication date. Null when the video was not in `from`.
   */
  async setStatus(
    id: string,
    to: 'published' | 'unpublished',
    from: StageVideoStatus[],
  ): Promise<StageVideoRecord | null> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE stage_videos SET status = $2,
         published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, now()) ELSE published_at END,
         updated_at = now()
       WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
      [id, to, from],
    );
    return rows[0] ? this.video(id) : null;
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM stage_videos WHERE id = $1', [id]);
  }

  /** Whether a webcast plays this asset: it is an event's on-demand video, or the recording of a live stream. */
  async assetUsedByWebcast(assetId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM media_assets WHERE id = $1 AND event_id IS NOT NULL
       UNION ALL SELECT 1 FROM live_streams WHERE asset_id = $1`,
      [assetId],
    );
    return rows.length > 0;
  }

  /** The channel's public page: published public videos, newest first (unlisted and moderated ones never). */
  async listedVideos(
    channelId: string,
    limit: number,
    offset: number,
  ): Promise<{ total: number; items: StageVideoRecord[] }> {
    const where = `WHERE v.channel_id = $1 AND v.status = 'published' AND v.visibility = 'public'`;
    const [count] = await this.db.query<{ n: number | string }>(
      `SELECT count(*)::int AS n FROM stage_videos v ${where}`,
      [channelId],
    );
    const rows = await this.db.query<VideoRow>(
      `${VIDEO} ${where} ORDER BY v.published_at DESC, v.id LIMIT $2 OFFSET $3`,
      [channelId, limit, offset],
    );
    return { total: Number(count.n), items: rows.map(toVideo) };
  }
}
