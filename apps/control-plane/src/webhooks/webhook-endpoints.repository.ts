import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

export interface WebhookEndpointRecord {
  id: string;
  accountId: string;
  url: string;
  description: string;
  eventTypes: string[];
  secret: string;
  enabled: boolean;
  failingSince: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  account_id: string;
  url: string;
  description: string;
  event_types: string[];
  secret: string;
  enabled: boolean;
  failing_since: Date | string | null;
  disabled_reason: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const toRecord = (r: Row): WebhookEndpointRecord => ({
  id: r.id,
  accountId: r.account_id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types,
  secret: r.secret,
  enabled: r.enabled,
  failingSince: r.failing_since === null ? null : new Date(r.failing_since),
  disabledReason: r.disabled_reason,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

// Every query names the account: an endpoint is only ever found through the account that owns it.
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async list(accountId: string): Promise<WebhookEndpointRecord[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM webhook_endpoints WHERE account_id = $1 ORDER BY created_at, id',
      [accountId],
    );
    return rows.map(toRecord);
  }

  async get(accountId: string, id: string): Promise<WebhookEndpointRecord | null> {
    const rows = await this.db.query<Row>('SELECT * FROM webhook_endpoints WHERE account_id = $1 AND id = $2', [
      accountId,
      id,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The enabled endpoints of the account that subscribe to a type. */
  async subscribers(accountId: string, eventType: string): Promise<WebhookEndpointRecord[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM webhook_endpoints WHERE account_id = $1 AND enabled AND $2 = ANY(event_types) ORDER BY id',
      [accountId, eventType],
    );
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<WebhookEndpointRecord | null> {
    const rows = await this.db.query<Row>('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async insert(e: {
    accountId: string;
    url: string;
    description: string;
    eventTypes: string[];
    secret: string;
    enabled: boolean;
  }): Promise<WebhookEndpointRecord> {
    const rows = await this.db.query<Row>(
      `INSERT INTO webhook_endpoints (id, account_id, url, description, event_types, secret, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [randomUUID(), e.accountId, e.url, e.description, e.eventTypes, e.secret, e.enabled],
    );
    return toRecord(rows[0]);
  }

  async update(
    accountId: string,
    id: string,
    patch: { url?: string; description?: string; eventTypes?: string[]; enabled?: boolean; secret?: string },
  ): Promise<WebhookEndpointRecord | null> {
    // Enabling again clears the failure state: the administrator says the receiver is fixed.
    const rows = await this.db.query<Row>(
      `UPDATE webhook_endpoints SET
         url = COALESCE($3, url),
         description = COALESCE($4, description),
         event_types = COALESCE($5, event_types),
         secret = COALESCE($7, secret),
         enabled = COALESCE($6, enabled),
         failing_since = CASE WHEN $6 IS TRUE AND NOT enabled THEN NULL ELSE failing_since END,
         disabled_reason = CASE WHEN $6 IS TRUE THEN NULL ELSE disabled_reason END,
         updated_at = now()
       WHERE account_id = $1 AND id = $2 RETURNING *`,
      [
        accountId,
        id,
        patch.url ?? null,
        patch.description ?? null,
        patch.eventTypes ?? null,
        patch.enabled ?? null,
        patch.secret ?? null,
      ],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      'DELETE FROM webhook_endpoints WHERE account_id = $1 AND id = $2 RETURNING id',
      [accountId, id],
    );
    return rows.length > 0;
  }

  async markHealthy(id: string): Promise<void> {
    await this.db.query(
      'UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL',
      [id],
    );
  }

  /** Records a failure; returns the endpoint as it now is (failing since the first failure after a success). */
  async markFailing(id: string, at: Date): Promise<WebhookEndpointRecord | null> {
    const rows = await this.db.query<Row>(
      'UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1 RETURNING *',
      [id, at],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async disable(id: string, reason: string): Promise<void> {
    await this.db.query(
      'UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = now() WHERE id = $1',
      [id, reason],
    );
  }
}
