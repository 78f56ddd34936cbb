import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';
import type { Role } from '../auth/auth-user';
import { UserRecord, UserRow, toUserRecord } from './user-record';

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findById(id: string, q: Queryable = this.db): Promise<UserRecord | null> {
    const rows = await q.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUserRecord(rows[0]) : null;
  }

  async findByEmail(email: string, q: Queryable = this.db): Promise<UserRecord | null> {
    const rows = await q.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
    return rows[0] ? toUserRecord(rows[0]) : null;
  }

  async listByAccount(accountId: string, role?: Role): Promise<UserRecord[]> {
    const rows = role
      ? await this.db.query<UserRow>(
          'SELECT * FROM users WHERE account_id = $1 AND role = $2 ORDER BY created_at, email',
          [accountId, role],
        )
      : await this.db.query<UserRow>('SELECT * FROM users WHERE account_id = $1 ORDER BY created_at, email', [
          accountId,
        ]);
    return rows.map(toUserRecord);
  }

  async insert(
    u: {
      accountId: string | null;
      orderId: string | null;
      email: string;
      name: string;
      role: Role;
      passwordHash: string;
    },
    q: Queryable = this.db,
  ): Promise<UserRecord> {
    const rows = await q.query<UserRow>(
      `INSERT INTO users (id, account_id, order_id, email, name, role, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [randomUUID(), u.accountId, u.orderId, u.email, u.name, u.role, u.passwordHash],
    );
    return toUserRecord(rows[0]);
  }

  async countActiveOnOrder(orderId: string, q: Queryable = this.db): Promise<number> {
    const rows = await q.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE order_id = $1 AND active AND role = 'organizer'",
      [orderId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Deactivation revokes every token at once: the guard compares token_version on each request. */
  async deactivate(id: string, q: Queryable = this.db): Promise<UserRecord> {
    const rows = await q.query<UserRow>(
      'UPDATE users SET active = false, deactivated_at = now(), token_version = token_version + 1 WHERE id = $1 RETURNING *',
      [id],
    );
    return toUserRecord(rows[0]);
  }

  async update(
    id: string,
    fields: { orderId?: string; name?: string; email?: string; passwordHash?: string; active?: boolean },
    q: Queryable = this.db,
  ): Promise<UserRecord> {
    const rows = await q.query<UserRow>(
      `UPDATE users SET
         order_id = COALESCE($2, order_id),
         name = COALESCE($3, name),
         email = COALESCE($4, email),
         password_hash = COALESCE($5, password_hash),
         active = COALESCE($6, active),
         deactivated_at = CASE WHEN $6::boolean IS TRUE THEN NULL ELSE deactivated_at END
       WHERE id = $1 RETURNING *`,
      [
        id,
        fields.orderId ?? null,
        fields.name ?? null,
        fields.email ?? null,
        fields.passwordHash ?? null,
        fields.active ?? null,
      ],
    );
    return toUserRecord(rows[0]);
  }

  /** Locks the order's row so two concurrent seat grants cannot both see a free seat. */
  async lockOrder(orderId: string, q: Queryable): Promise<void> {
    await q.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
  }
}
