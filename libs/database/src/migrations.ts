import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Database } from './database';

// SQL files under libs/database/migrations, applied once each in name order (0001_..., 0002_...).
export const MIGRATIONS_DIR = resolve(__dirname, '../../../../libs/database/migrations');

export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return db.transaction(async (tx) => {
    // Several processes may start at once against one PostgreSQL: one migrates, the others wait and find nothing to do.
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(727274)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = readFileSync(join(dir, file), 'utf8');
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}

// Extended-protocol queries take one statement each; migrations separate theirs with a line holding only `-- ;;`
// or with semicolons at line end outside of $$ blocks.
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inDollar = false;
  for (const line of sql.split('\n')) {
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollar = !inDollar;
    current.push(line);
    if (!inDollar && /;\s*(--.*)?$/.test(line)) {
      const stmt = current.join('\n').trim();
      if (stmt.replace(/--.*$/gm, '').trim()) out.push(stmt);
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest.replace(/--.*$/gm, '').trim()) out.push(rest);
  return out;
}
