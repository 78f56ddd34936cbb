import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

export type StageVideoStatus = 'published' | 'unpublished' | 'restricted' | 'taken_down';
export type StageVideoVisibility = 'public' | 'unlisted' | 'account';

/** What deciding who may watch a Stage video needs: its state, who may see it, and its media. */
export interface StageVideoAccess {
  id: string;
  accountId: string;
  assetId: string | null;
  status: StageVideoStatus;
  visibility: StageVideoVisibility;
  /** The asset's master playlist, once transcoded. */
  masterKey: string | null;
  assetReady: boolean;
}

type Row = {
  id: string;
  account_id: string;
  asset_id: string | null;
  status: StageVideoStatus;
  visibility: StageVideoVisibility;
  master_key: string | null;
  asset_state: string | null;
};

/** Reads a Stage video for its viewers and for the key server; publishing it is another part's. */
@Injectable()
export class StageVideoAccessRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findById(videoId: string): Promise<StageVideoAccess | null> {
    const [r] = await this.db.query<Row>(
      `SELECT v.id, c.account_id, v.asset_id, v.status, v.visibility, a.master_key, a.state AS asset_state
       FROM stage_videos v JOIN stage_channels c ON c.id = v.channel_id LEFT JOIN media_assets a ON a.id = v.asset_id
       WHERE v.id = $1`,
      [videoId],
    );
    if (!r) return null;
    return {
      id: r.id,
      accountId: r.account_id,
      assetId: r.asset_id,
      status: r.status,
      visibility: r.visibility,
      masterKey: r.master_key,
      assetReady: r.asset_state === 'ready',
    };
  }
}
