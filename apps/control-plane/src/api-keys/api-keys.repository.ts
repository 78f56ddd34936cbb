import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database } from '#database';
import type { ApiKeyScope } from '#domain';
import { DATABASE } from '../infrastructure/di-tokens';

export interface ApiKeyRecord {
  id: string;
  accountId: string;
  name: string;
  scopes: ApiKeyScope[];
  actsAsUserId: string;
  createdBy: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  account_id: string;
  name: string;
  scopes: ApiKeyScope[];
  acts_as_user_id: string;
  created_by: string;
  prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const maybeDate = (d: Date | string | null) => (d === null ? null : new Date(d));
const toRecord = (r: Row): ApiKeyRecord => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  scopes: r.scopes,
  actsAsUserId: r.acts_as_user_id,
  createdBy: r.created_by,
  prefix: r.prefix,
  createdAt: new Date(r.created_at),
  lastUsedAt: maybeDate(r.last_used_at),
  revokedAt: maybeDate(r.revoked_at),
});

const COLUMNS =
  'id, account_id, name, scopes, acts_as_user_id, created_by, prefix, created_at, last_used_at, revoked_at';

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(k: {
    accountId: string;
    name: string;
    scopes: ApiKeyScope[];
    actsAsUserId: string;
    createdBy: string;
    prefix: string;
    hash: string;
  }): Promise<ApiKeyRecord> {
    const rows = await this.db.query<Row>(
      `INSERT INTO api_keys (id, account_id, name, scopes, acts_as_user_id, created_by, prefix, key_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [randomUUID(), k.accountId, k.name, k.scopes, k.actsAsUserId, k.createdBy, k.prefix, k.hash],
    );
    return toRecord(rows[0]);
  }

  async list(accountId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM api_keys WHERE account_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC, id`,
      [accountId],
    );
    return rows.map(toRecord);
  }

  /** A key that has not been revoked, by the hash of what was presented. */
  async findLive(hash: string): Promise<ApiKeyRecord | null> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async revoke(accountId: string, id: string): Promise<ApiKeyRecord | null> {
    const rows = await this.db.query<Row>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE account_id = $1 AND id = $2
       RETURNING ${COLUMNS}`,
      [accountId, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** "Last used", to the minute: a busy integration does not write a row on every request. */
  async touch(id: string): Promise<void> {
    await this.db.query(
      `UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
