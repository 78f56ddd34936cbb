import { Database } from './database';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';

/** PostgreSQL when a URL is given, else embedded PGlite in `pgliteDir` (in memory when that is unset too). */
export async function openDatabase(opts: { url?: string; schema?: string; pgliteDir?: string }): Promise<Database> {
  if (opts.url) {
    const db = new PostgresDatabase(opts.url, opts.schema);
    if (opts.schema) await db.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema}"`);
    return db;
  }
  return PgliteDatabase.open(opts.pgliteDir);
}
