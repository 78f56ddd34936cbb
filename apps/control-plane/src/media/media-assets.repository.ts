import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { AssetChange, assetChange } from '#domain';
import type { VodJobResult } from '#contracts';
import { DATABASE } from '../infrastructure/di-tokens';
import { MediaAssetRecord, MediaAssetState, MediaRenditionRecord, assetObjectKeys } from './media-asset-record';

type Row = {
  id: string;
  account_id: string;
  owner_id: string;
  event_id: string | null;
  title: string;
  state: MediaAssetState;
  failure_reason: string | null;
  progress: number;
  source_key: string;
  source_bytes: string | number | null;
  output_prefix: string;
  attempt_prefix: string | null;
  master_key: string | null;
  poster_key: string | null;
  duration_s: number | null;
  total_bytes: string | number | null;
  created_at: Date;
  updated_at: Date;
  ready_at: Date | null;
};
type RenditionRow = {
  name: string;
  width: number | null;
  height: number | null;
  bandwidth: number;
  average_bandwidth: number;
  codecs: string;
  bytes: string | number;
  playlist_key: string;
};

const n = (v: string | number | null) => (v === null ? null : Number(v));
const toRecord = (r: Row): MediaAssetRecord => ({
  id: r.id,
  accountId: r.account_id,
  ownerId: r.owner_id,
  eventId: r.event_id,
  title: r.title,
  state: r.state,
  failureReason: r.failure_reason,
  progress: r.progress,
  sourceKey: r.source_key,
  sourceBytes: n(r.source_bytes),
  outputPrefix: r.output_prefix,
  attemptPrefix: r.attempt_prefix,
  masterKey: r.master_key,
  posterKey: r.poster_key,
  durationS: r.duration_s === null ? null : Number(r.duration_s),
  totalBytes: n(r.total_bytes),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  readyAt: r.ready_at ? new Date(r.ready_at) : null,
});

// Every state change is a conditional UPDATE from the states #domain allows it in (assetChange): events from BullMQ
// may arrive late, twice, or at several control planes at once, and a late 'progress' must never move a ready or
// failed asset back.
const from = (change: AssetChange) => [...assetChange(change).from];

@Injectable()
export class MediaAssetsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(a: {
    id: string;
    accountId: string;
    ownerId: string;
    title: string;
    eventId: string | null;
    key: Buffer;
  }): Promise<MediaAssetRecord> {
    const { sourceKey, outputPrefix } = assetObjectKeys(a.id);
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `INSERT INTO media_assets (id, account_id, owner_id, event_id, title, source_key, output_prefix)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [a.id, a.accountId, a.ownerId, a.eventId, a.title, sourceKey, outputPrefix],
      );
      await tx.query('INSERT INTO media_keys (asset_id, key) VALUES ($1, $2)', [a.id, a.key]);
      return toRecord(rows[0]);
    });
  }

  /** Organizers may attach only their account's events (an event's playback tokens then open the asset). */
  async eventInAccount(eventId: string, accountId: string): Promise<boolean> {
    return (
      (await this.db.query('SELECT 1 FROM events WHERE id = $1 AND account_id = $2', [eventId, accountId])).length > 0
    );
  }

  async setEvent(id: string, eventId: string | null): Promise<MediaAssetRecord | null> {
    const rows = await this.db.query<Row>(
      'UPDATE media_assets SET event_id = $2, updated_at = now() WHERE id = $1 RETURNING *',
      [id, eventId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(id: string): Promise<MediaAssetRecord | null> {
    const rows = await this.db.query<Row>('SELECT * FROM media_assets WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listByAccount(accountId: string, ownerId?: string): Promise<MediaAssetRecord[]> {
    const rows = ownerId
      ? await this.db.query<Row>(
          'SELECT * FROM media_assets WHERE account_id = $1 AND owner_id = $2 ORDER BY created_at DESC, id',
          [accountId, ownerId],
        )
      : await this.db.query<Row>('SELECT * FROM media_assets WHERE account_id = $1 ORDER BY created_at DESC, id', [
          accountId,
        ]);
    return rows.map(toRecord);
  }

  /** Assets a transcoder may still be working on (reconciled with the queue at start). */
  async listUnfinished(): Promise<MediaAssetRecord[]> {
    return (
      await this.db.query<Row>('SELECT * FROM media_assets WHERE state = ANY($1::text[])', [from('complete')])
    ).map(toRecord);
  }

  async renditions(assetId: string): Promise<MediaRenditionRecord[]> {
    const rows = await this.db.query<RenditionRow>(
      'SELECT * FROM media_renditions WHERE asset_id = $1 ORDER BY bandwidth DESC',
      [assetId],
    );
    return rows.map((r) => ({
      name: r.name,
      width: r.width,
      height: r.height,
      bandwidth: r.bandwidth,
      averageBandwidth: r.average_bandwidth,
      codecs: r.codecs,
      bytes: Number(r.bytes),
      playlistKey: r.playlist_key,
    }));
  }

  async key(assetId: string): Promise<Buffer | null> {
    const rows = await this.db.query<{ key: Buffer | Uint8Array }>('SELECT key FROM media_keys WHERE asset_id = $1', [
      assetId,
    ]);
    return rows[0] ? Buffer.from(rows[0].key) : null;
  }

  /** A source arrived: uploading|failed -> queued (a new source replaces a failed one). */
  async markQueued(id: string, sourceBytes: number): Promise<MediaAssetRecord | null> {
    const rows = await this.db.query<Row>(
      `UPDATE media_assets SET state = 'queued', source_bytes = $2, progress = 0, failure_reason = NULL, updated_at = now()
       WHERE id = $1 AND state = ANY($3::text[]) RETURNING *`,
      [id, sourceBytes, from('queue')],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async setProgress(id: string, progress: number): Promise<MediaAssetRecord | null> {
    const rows = await this.db.query<Row>(
      `UPDATE media_assets SET state = 'processing', progress = GREATEST(progress, $2), updated_at = now()
       WHERE id = $1 AND state = ANY($3::text[]) RETURNING *`,
      [id, Math.max(0, Math.min(99, Math.round(progress))), from('progress')],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async markReady(id: string, r: VodJobResult): Promise<MediaAssetRecord | null> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `UPDATE media_assets SET state = 'ready', progress = 100, attempt_prefix = $2, master_key = $3, poster_key = $4,
           duration_s = $5, total_bytes = $6, failure_reason = NULL, ready_at = now(), updated_at = now()
         WHERE id = $1 AND state = ANY($7::text[]) RETURNING *`,
        [id, r.attemptPrefix, r.masterKey, r.posterKey ?? null, r.durationS, r.totalBytes, from('complete')],
      );
      if (!rows[0]) return null;
      await tx.query('DELETE FROM media_renditions WHERE asset_id = $1', [id]);
      for (const x of r.renditions) {
        await tx.query(
          `INSERT INTO media_renditions (asset_id, name, width, height, bandwidth, average_bandwidth, codecs, bytes, playlist_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            x.name,
            x.width ?? null,
            x.height ?? null,
            x.bandwidth,
            x.averageBandwidth,
            x.codecs.join(','),
            x.bytes,
            x.playlistKey,
          ],
        );
      }
      return toRecord(rows[0]);
    });
  }

  async markFailed(id: string, reason: string): Promise<MediaAssetRecord | null> {
    const rows = await this.db.query<Row>(
      `UPDATE media_assets SET state = 'failed', failure_reason = $2, updated_at = now()
       WHERE id = $1 AND state = ANY($3::text[]) RETURNING *`,
      [id, reason.slice(0, 1000), from('fail')],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A live recording is handed to the "completed" path once its stream ended: uploading -> processing. */
  async handOverRecording(id: string): Promise<void> {
    await this.db.query(
      `UPDATE media_assets SET state = 'processing', updated_at = now() WHERE id = $1 AND state = ANY($2::text[])`,
      [id, from('hand-over-recording')],
    );
  }

  /** A live recording closed after its job failed takes the stream again: ready|failed -> uploading. */
  async reopenRecording(id: string): Promise<boolean> {
    const rows = await this.db.query<Row>(
      `UPDATE media_assets SET state = 'uploading', failure_reason = NULL, updated_at = now()
       WHERE id = $1 AND state = ANY($2::text[]) RETURNING *`,
      [id, from('reopen-recording')],
    );
    return rows.length > 0;
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM media_assets WHERE id = $1', [id]);
  }
}
