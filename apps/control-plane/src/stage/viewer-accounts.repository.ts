import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '#database';
import type { MailLanguage } from '#mail';
import { DATABASE } from '../infrastructure/di-tokens';

/** A Stage viewer: a platform-wide identity, apart from the users of customer accounts. */
export interface ViewerRecord {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  language: MailLanguage;
  verifiedAt: Date | null;
  historyPaused: boolean;
  shareNameWithCreators: boolean;
  tokenVersion: number;
  createdAt: Date;
}

type ViewerRow = {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  language: MailLanguage;
  verified_at: Date | string | null;
  history_paused: boolean;
  share_name_with_creators: boolean;
  token_version: number;
  created_at: Date | string;
};

const toRecord = (r: ViewerRow): ViewerRecord => ({
  id: r.id,
  email: r.email,
  passwordHash: r.password_hash,
  displayName: r.display_name,
  language: r.language,
  verifiedAt: r.verified_at === null ? null : new Date(r.verified_at),
  historyPaused: r.history_paused,
  shareNameWithCreators: r.share_name_with_creators,
  tokenVersion: r.token_version,
  createdAt: new Date(r.created_at),
});

export interface NewViewer {
  email: string;
  passwordHash: string;
  displayName: string;
  language: MailLanguage;
  shareNameWithCreators: boolean;
}

export interface ViewerSettings {
  displayName?: string;
  language?: MailLanguage;
  shareNameWithCreators?: boolean;
  historyPaused?: boolean;
}

@Injectable()
export class ViewerAccountsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The new viewer, or null when the address (in any case) has an account already. */
  async insert(v: NewViewer, q: Queryable = this.db): Promise<ViewerRecord | null> {
    const rows = await q.query<ViewerRow>(
      `INSERT INTO viewers (id, email, password_hash, display_name, language, share_name_with_creators,
                            history_terms_accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT ((lower(email))) DO NOTHING
       RETURNING *`,
      [randomUUID(), v.email, v.passwordHash, v.displayName, v.language, v.shareNameWithCreators],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(id: string, q: Queryable = this.db): Promise<ViewerRecord | null> {
    const rows = await q.query<ViewerRow>('SELECT * FROM viewers WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByEmail(email: string, q: Queryable = this.db): Promise<ViewerRecord | null> {
    const rows = await q.query<ViewerRow>('SELECT * FROM viewers WHERE lower(email) = lower($1)', [email]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async markVerified(id: string, q: Queryable = this.db): Promise<void> {
    await q.query('UPDATE viewers SET verified_at = coalesce(verified_at, now()) WHERE id = $1', [id]);
  }

  /**
   * A new password revokes every viewer token issued before. Following the mailed link proves the address too, so
   * an account nobody verified is verified by it.
   */
  async setPassword(id: string, passwordHash: string, q: Queryable = this.db): Promise<void> {
    await q.query(
      `UPDATE viewers SET password_hash = $2, token_version = token_version + 1,
                          verified_at = coalesce(verified_at, now())
       WHERE id = $1`,
      [id, passwordHash],
    );
  }

  async update(id: string, s: ViewerSettings, q: Queryable = this.db): Promise<ViewerRecord | null> {
    const rows = await q.query<ViewerRow>(
      `UPDATE viewers SET
         display_name = COALESCE($2, display_name),
         language = COALESCE($3, language),
         share_name_with_creators = COALESCE($4, share_name_with_creators),
         history_paused = COALESCE($5, history_paused)
       WHERE id = $1 RETURNING *`,
      [id, s.displayName ?? null, s.language ?? null, s.shareNameWithCreators ?? null, s.historyPaused ?? null],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Deletes the viewer; the database removes their watch positions and anonymises their counted views. */
  async delete(id: string, q: Queryable = this.db): Promise<boolean> {
    const rows = await q.query<{ id: string }>('DELETE FROM viewers WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }
}
