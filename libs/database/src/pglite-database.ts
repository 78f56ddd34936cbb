import type { PGliteInterface } from '@electric-sql/pglite';
import { Database, Queryable } from './database';

/** Embedded PostgreSQL (WASM) for `npm start` without a DATABASE_URL. One process owns the data folder. */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private constructor(private readonly db: PGliteInterface) {}

  static async open(dataDir?: string): Promise<PgliteDatabase> {
    // PGlite ships as ES modules; a dynamic import keeps this CommonJS build able to load it.
    const { PGlite } = await import('@electric-sql/pglite');
    const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
    // Stage search (migration 0020) needs the same two contrib modules as on PostgreSQL.
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
    const db = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm, unaccent } });
    return new PgliteDatabase(db);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const res = await this.db.query<T>(sql, params);
    return res.rows;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (t) =>
      work({ query: async <R>(sql: string, params: unknown[] = []) => (await t.query<R>(sql, params)).rows }),
    );
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
