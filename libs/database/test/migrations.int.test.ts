import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Database, PG_EXCLUSION_VIOLATION, PgliteDatabase, migrate, pgErrorCode } from '#database';
import { TestDatabase, createTestDatabase } from '#test-support';

// The same migrations must give the same guarantees on PostgreSQL and on embedded PGlite.
async function seedOrganizer(db: Database) {
  const account = randomUUID(),
    order = randomUUID(),
    organizer = randomUUID();
  await db.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [account, 'Acme']);
  await db.query(
    `INSERT INTO orders (id, account_id, seats, attendee_limit, overage_rate_cents, overage_policy, valid_from, valid_until)
                  VALUES ($1, $2, 2, 100, 50, 'bill', now(), now() + interval '1 year')`,
    [order, account],
  );
  await db.query(
    `INSERT INTO users (id, account_id, order_id, email, name, role, password_hash) VALUES ($1, $2, $3, 'ada@acme.com', 'Ada', 'organizer', 'x')`,
    [organizer, account, order],
  );
  return { account, order, organizer };
}

async function insertEvent(
  db: Database,
  ids: { account: string; order: string; organizer: string },
  start: string,
  end: string,
) {
  await db.query(
    `INSERT INTO events (id, account_id, order_id, organizer_id, title, starts_at, ends_at, mode, attendee_limit, stream_key, public_slug)
                  VALUES ($1, $2, $3, $4, 't', $5, $6, 'live', 100, $7, $8)`,
    [randomUUID(), ids.account, ids.order, ids.organizer, start, end, randomUUID(), randomUUID()],
  );
}

async function checkScheduleConstraints(db: Database) {
  const ids = await seedOrganizer(db);
  await insertEvent(db, ids, '2030-01-01T09:00:00Z', '2030-01-01T10:00:00Z');
  await insertEvent(db, ids, '2030-01-01T10:00:00Z', '2030-01-01T11:00:00Z'); // back to back
  await assert.rejects(
    insertEvent(db, ids, '2030-01-01T10:30:00Z', '2030-01-01T12:00:00Z'),
    (e) => pgErrorCode(e) === PG_EXCLUSION_VIOLATION,
  );
}

describe('migrations on PostgreSQL', () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase('migrations');
  });
  after(async () => {
    await t.drop();
  });

  it('apply once, and a second run finds nothing to do', async () => {
    assert.deepEqual(await migrate(t.db), []);
  });
  it('refuse overlapping events of one organizer and accept back-to-back ones', async () => {
    await checkScheduleConstraints(t.db);
  });
});

describe('migrations on embedded PGlite (smoke)', () => {
  let db: PgliteDatabase;
  before(async () => {
    db = await PgliteDatabase.open();
  });
  after(async () => {
    await db.close();
  });

  it('apply and enforce the same schedule constraints', async () => {
    assert.ok((await migrate(db)).includes('0001_foundation.sql'));
    await checkScheduleConstraints(db);
  });
});
