import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

/** What a mailed link is for: verifying the address at sign-up, or choosing a new password. */
export type ViewerTokenPurpose = 'verify' | 'reset';

export const VIEWER_TOKEN_TTL_MS: Record<ViewerTokenPurpose, number> = {
  verify: 48 * 3_600_000,
  reset: 3_600_000,
};

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * The single-use tokens of the links mailed to viewers. The token itself goes into the mail only; the table keeps
 * its SHA-256 (the token has 256 random bits, so a plain hash is enough: nothing to guess, nothing to salt).
 */
@Injectable()
export class ViewerMailTokensRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A fresh token for `viewerId`; the links of that purpose mailed before stop working. */
  async issue(viewerId: string, purpose: ViewerTokenPurpose, now = new Date()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + VIEWER_TOKEN_TTL_MS[purpose]);
    await this.db.transaction(async (tx) => {
      await this.revoke(viewerId, purpose, tx);
      await tx.query(
        'INSERT INTO viewer_mail_tokens (token_hash, viewer_id, purpose, expires_at) VALUES ($1, $2, $3, $4)',
        [hashOf(token), viewerId, purpose, expiresAt],
      );
    });
    return token;
  }

  /** Uses the token up: the viewer it was issued to, or null when it is unknown, used already or expired. */
  async consume(token: string, purpose: ViewerTokenPurpose, q: Queryable = this.db): Promise<string | null> {
    const rows = await q.query<{ viewer_id: string }>(
      `UPDATE viewer_mail_tokens SET used_at = now()
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING viewer_id`,
      [hashOf(token), purpose],
    );
    return rows[0]?.viewer_id ?? null;
  }

  async revoke(viewerId: string, purpose: ViewerTokenPurpose, q: Queryable = this.db): Promise<void> {
    await q.query(
      'UPDATE viewer_mail_tokens SET used_at = now() WHERE viewer_id = $1 AND purpose = $2 AND used_at IS NULL',
      [viewerId, purpose],
    );
  }
}
