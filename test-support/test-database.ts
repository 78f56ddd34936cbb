import { randomBytes } from 'node:crypto';
import { Database, PostgresDatabase, migrate } from '#database';

// Each test run works in a schema of its own inside database `test`, so parallel runs never collide.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  db: Database;
  url: string;
  schema: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label = 'run'): Promise<TestDatabase> {
  const schema = `t_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(5).toString('hex')}`;
  const admin = new PostgresDatabase(TEST_DATABASE_URL, undefined, 1);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.close();
  const db = new PostgresDatabase(TEST_DATABASE_URL, schema);
  await migrate(db);
  return {
    db,
    url: TEST_DATABASE_URL,
    schema,
    async drop() {
      await db.close();
      const a = new PostgresDatabase(TEST_DATABASE_URL, undefined, 1);
      await a.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await a.close();
    },
  };
}
