import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';
import type { AttemptOutcome } from './webhook-sender';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  accountId: string;
  eventType: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
}

export interface WebhookAttemptRecord {
  attemptedAt: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string;
}

interface Row {
  id: string;
  endpoint_id: string;
  account_id: string;
  event_type: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  created_at: Date | string;
  last_attempt_at: Date | string | null;
  delivered_at: Date | string | null;
}

const maybeDate = (d: Date | string | null) => (d === null ? null : new Date(d));
const toRecord = (r: Row): WebhookDeliveryRecord => ({
  id: r.id,
  endpointId: r.endpoint_id,
  accountId: r.account_id,
  eventType: r.event_type,
  // PGlite and pg both parse jsonb; a driver that hands back text is parsed here
  payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload,
  status: r.status,
  attempts: r.attempts,
  createdAt: new Date(r.created_at),
  lastAttemptAt: maybeDate(r.last_attempt_at),
  deliveredAt: maybeDate(r.delivered_at),
});

// The delivery log. A delivery row is written before its job is queued, so a control plane that dies in between
// leaves a pending row that the start-up sweep queues again (deliveries are at least once, never lost).
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(d: { id: string; endpointId: string; accountId: string; eventType: string; payload: unknown }) {
    await this.db.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, account_id, event_type, payload)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [d.id, d.endpointId, d.accountId, d.eventType, JSON.stringify(d.payload)],
    );
  }

  async findById(id: string): Promise<WebhookDeliveryRecord | null> {
    const rows = await this.db.query<Row>('SELECT * FROM webhook_deliveries WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findForAccount(accountId: string, id: string): Promise<WebhookDeliveryRecord | null> {
    const rows = await this.db.query<Row>('SELECT * FROM webhook_deliveries WHERE account_id = $1 AND id = $2', [
      accountId,
      id,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listForEndpoint(endpointId: string, limit: number): Promise<WebhookDeliveryRecord[]> {
    const rows = await this.db.query<Row>(
      'SELECT * FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at DESC, id LIMIT $2',
      [endpointId, limit],
    );
    return rows.map(toRecord);
  }

  async pendingIds(limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      "SELECT id FROM webhook_deliveries WHERE status = 'pending' ORDER BY created_at LIMIT $1",
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async attemptsOf(deliveryId: string): Promise<WebhookAttemptRecord[]> {
    const rows = await this.db.query<{
      attempted_at: Date | string;
      status_code: number | null;
      duration_ms: number;
      error: string | null;
      response_excerpt: string;
    }>(
      'SELECT attempted_at, status_code, duration_ms, error, response_excerpt FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempted_at, id',
      [deliveryId],
    );
    return rows.map((r) => ({
      attemptedAt: new Date(r.attempted_at),
      statusCode: r.status_code,
      durationMs: r.duration_ms,
      error: r.error,
      responseExcerpt: r.response_excerpt,
    }));
  }

  /** One attempt into the log, and the delivery's state after it. */
  async recordAttempt(deliveryId: string, at: Date, outcome: AttemptOutcome, final: boolean): Promise<void> {
    const status: DeliveryStatus = outcome.ok ? 'delivered' : final ? 'failed' : 'pending';
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, duration_ms, error, response_excerpt)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [deliveryId, at, outcome.statusCode, outcome.durationMs, outcome.error, outcome.responseExcerpt],
      );
      await tx.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $2, status = $3,
           delivered_at = CASE WHEN $3 = 'delivered' THEN $2 ELSE delivered_at END
         WHERE id = $1`,
        [deliveryId, at, status],
      );
    });
  }

  /** A replay: the same message (same id) goes out again. */
  async reopen(deliveryId: string): Promise<void> {
    await this.db.query("UPDATE webhook_deliveries SET status = 'pending', created_at = now() WHERE id = $1", [
      deliveryId,
    ]);
  }
}
