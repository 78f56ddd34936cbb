import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

// The video an on-demand event plays: the newest playable (ready, see isPlayable in #domain) asset attached to it
// (organizers attach assets with eventId).
@Injectable()
export class EventAssetsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async newestReadyAssetId(eventId: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      "SELECT id FROM media_assets WHERE event_id = $1 AND state = 'ready' ORDER BY ready_at DESC NULLS LAST, id LIMIT 1",
      [eventId],
    );
    return rows[0]?.id ?? null;
  }

  /** The video with its length, for simulive: its broadcast ends when the video does. */
  async newestReadyAsset(eventId: string): Promise<{ id: string; durationS: number } | null> {
    const rows = await this.db.query<{ id: string; duration_s: number }>(
      "SELECT id, duration_s FROM media_assets WHERE event_id = $1 AND state = 'ready' ORDER BY ready_at DESC NULLS LAST, id LIMIT 1",
      [eventId],
    );
    return rows[0] ? { id: rows[0].id, durationS: Number(rows[0].duration_s) } : null;
  }
}
