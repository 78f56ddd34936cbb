import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

export interface AccountRecord {
  id: string;
  name: string;
  createdAt: Date;
}

@Injectable()
export class AccountsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(name: string, q: Queryable = this.db): Promise<AccountRecord> {
    const rows = await q.query<{ id: string; name: string; created_at: Date }>(
      'INSERT INTO accounts (id, name) VALUES ($1, $2) RETURNING *',
      [randomUUID(), name],
    );
    return { id: rows[0].id, name: rows[0].name, createdAt: new Date(rows[0].created_at) };
  }

  async findById(id: string): Promise<AccountRecord | null> {
    const rows = await this.db.query<{ id: string; name: string; created_at: Date }>(
      'SELECT * FROM accounts WHERE id = $1',
      [id],
    );
    return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: new Date(rows[0].created_at) } : null;
  }
}
