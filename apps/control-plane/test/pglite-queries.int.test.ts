import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Database, PgliteDatabase, migrate } from '#database';
import { TestDatabase, createTestDatabase } from '#test-support';
import { AttendanceRepository } from '../src/attendance/attendance.repository';
import { ChatModerationRepository } from '../src/chat/chat-moderation.repository';
import { ChatRepository } from '../src/chat/chat.repository';
import { seriesGrid } from '../src/attendance/attendance-series';
import { OperatorAccountsRepository } from '../src/operator/operator-accounts.repository';
import { RegistrationsRepository } from '../src/registrations/registrations.repository';
import { UsageRepository } from '../src/usage/usage.repository';
import { ViewerAccountsRepository } from '../src/stage/viewer-accounts.repository';
import { ViewerMailTokensRepository } from '../src/stage/viewer-mail-tokens.repository';
import { StageVideoAccessRepository } from '../src/stage/stage-video-access.repository';
import { seedAttendanceLog } from '#test-support/attendance-log';

// `npm start` runs on embedded PGlite, CI on PostgreSQL: the console's new queries must answer the same on both.
const ACCOUNT = '11111111-1111-4111-8111-111111111111';
const ORDER = '22222222-2222-4222-8222-222222222222';
const ADMIN = '33333333-3333-4333-8333-333333333333';
const ORGANIZER = '44444444-4444-4444-8444-444444444444';
const EVENT = '55555555-5555-4555-8555-555555555555';
const FROM = new Date('2026-03-10T09:00:00.000Z');

async function seed(db: Database): Promise<void> {
  await db.query(`INSERT INTO accounts (id, name, created_at) VALUES ($1, 'Acme', '2026-01-01T00:00:00Z')`, [ACCOUNT]);
  await db.query(
    `INSERT INTO orders (id, account_id, seats, attendee_limit, overage_rate_cents, overage_policy, overage_cap, valid_from, valid_until)
     VALUES ($1, $2, 4, 200, 125, 'bill', NULL, '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z')`,
    [ORDER, ACCOUNT],
  );
  await db.query(
    `INSERT INTO users (id, account_id, order_id, email, name, role, password_hash) VALUES
       ($1, $3, NULL, 'boss@acme.example', 'Boss', 'admin', 'x'),
       ($2, $3, $4, 'ada@acme.example', 'Ada', 'organizer', 'x'),
       (gen_random_uuid(), NULL, NULL, 'op@platform.example', 'Operator', 'operator', 'x')`,
    [ADMIN, ORGANIZER, ACCOUNT, ORDER],
  );
  await db.query(
    `INSERT INTO events (id, account_id, order_id, organizer_id, title, starts_at, ends_at, mode, attendee_limit, stream_key, public_slug)
     VALUES ($1, $2, $3, $4, 'Launch', $5, $6, 'live', 200, 'key-1', 'slug-1')`,
    [EVENT, ACCOUNT, ORDER, ORGANIZER, FROM, new Date(FROM.getTime() + 2 * 3_600_000)],
  );
  await seedAttendanceLog(db, EVENT, { attendees: 300, hours: 2, attendeeLimit: 200, seed: 7 });
}

async function answers(db: Database, now: Date) {
  const grid = seriesGrid(FROM.getTime(), FROM.getTime() + 2 * 3_600_000, 100);
  const registrations = new RegistrationsRepository(db);
  // registration times are each database's now(): compare who is on the page, in which order
  const page = async (q: string | null) => {
    const { total, rows } = await registrations.search(EVENT, q, 5, 10);
    return { total, rows: rows.map(({ createdAt: _, ...r }) => r) };
  };
  return {
    series: await new AttendanceRepository(db).seriesBuckets(EVENT, 'live', FROM, grid),
    search: [await page(null), await page('ATTENDEE 1'), await page('%'), await page('_')],
    usage: await new UsageRepository(db).heldEvents(
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-04-01T00:00:00Z'),
      null,
    ),
    accounts: await new OperatorAccountsRepository(db).listWithSeats(now),
    administrators: await new OperatorAccountsRepository(db).activeAdministrators(),
  };
}

describe('the console queries on PGlite and PostgreSQL', () => {
  let pg: TestDatabase;
  let lite: PgliteDatabase;
  before(async () => {
    pg = await createTestDatabase('pglite-eq');
    lite = await PgliteDatabase.open();
    await migrate(lite);
    await seed(pg.db);
    await seed(lite);
  });
  after(async () => {
    await lite.close();
    await pg.drop();
  });

  it('give the same series buckets, registrant pages, monthly usage and account overview', async () => {
    const now = new Date('2026-03-15T12:00:00Z');
    const [a, b] = [await answers(pg.db, now), await answers(lite, now)];
    assert.ok(a.series.length > 50, `${a.series.length} non-empty buckets`);
    assert.equal(a.search[0].total, 300);
    assert.equal(a.search[1].total, 111, 'Attendee 1, 10..19, 100..199');
    assert.deepEqual([a.search[2].total, a.search[3].total], [0, 0], '% and _ are plain characters');
    assert.equal(a.usage[0].peakConcurrent, Math.max(...a.series.map((s) => s.maxSeats)));
    assert.deepEqual(
      a.accounts.map((x) => [x.name, x.seatsTotal, x.seatsUsed, x.activeOrders]),
      [['Acme', 4, 1, 1]],
    );
    assert.deepEqual(b, a);
  });

  it('give the same chat pages (stream-id order, hidden flags) and moderation log', async () => {
    const chat = async (db: Database) => {
      const moderation = new ChatModerationRepository(db);
      const admin = { id: ADMIN, accountId: ACCOUNT, role: 'admin' as const, orderId: null };
      // hidden before the consumer stored it: stored hidden
      await moderation.log(EVENT, admin, 'hide', '1700000000000-9', {}, 'rude');
      const at = 1_700_000_000_000;
      const entry = (streamId: string, text: string) => ({
        eventId: EVENT,
        registrantId: ORGANIZER,
        name: 'Ada',
        text,
        at,
        streamId,
        held: false,
      });
      await new ChatRepository(db).append([
        entry('1700000000000-10', 'tenth'),
        entry('1700000000000-9', 'ninth'),
        entry('1699999999999-0', 'first'),
      ]);
      await moderation.log(EVENT, admin, 'settings', null, { slowModeSeconds: 5, paused: false }, undefined);
      return {
        all: await moderation.messages(EVENT, undefined, 10),
        after: await moderation.messages(EVENT, '1700000000000-9', 10),
        log: (await moderation.actions(EVENT)).map(({ id: _, at: __, ...a }) => a),
      };
    };
    const [a, b] = [await chat(pg.db), await chat(lite)];
    assert.deepEqual(
      a.all.map((m) => [m.id, m.hidden]),
      [
        ['1699999999999-0', false],
        ['1700000000000-9', true],
        ['1700000000000-10', false],
      ],
    );
    assert.deepEqual(
      a.after.map((m) => m.id),
      ['1700000000000-10'],
    );
    assert.deepEqual(
      a.log.map((x) => [x.action, x.actor.name]),
      [
        ['settings', 'Boss'],
        ['hide', 'Boss'],
      ],
    );
    assert.deepEqual(b, a);
  });
});

describe('the Stage viewer account queries on PGlite and PostgreSQL', () => {
  let pg: TestDatabase;
  let lite: PgliteDatabase;
  before(async () => {
    pg = await createTestDatabase('pglite-viewers');
    lite = await PgliteDatabase.open();
    await migrate(lite);
  });
  after(async () => {
    await lite.close();
    await pg.drop();
  });

  it('give one account per address in any case, single-use tokens, settings and a cascading delete', async () => {
    const run = async (db: Database) => {
      const viewers = new ViewerAccountsRepository(db);
      const tokens = new ViewerMailTokensRepository(db);
      const v = { passwordHash: 'x', displayName: 'Hedy', language: 'fr' as const, shareNameWithCreators: false };
      const created = await viewers.insert({ ...v, email: 'hedy@example.org' });
      const taken = await viewers.insert({ ...v, email: 'HEDY@example.org' });
      const first = await tokens.issue(created!.id, 'verify');
      const second = await tokens.issue(created!.id, 'verify');
      const consumed = [
        await tokens.consume(first, 'verify'),
        await tokens.consume(second, 'reset'),
        await tokens.consume(second, 'verify'),
        await tokens.consume(second, 'verify'),
      ];
      await viewers.markVerified(created!.id);
      const updated = await viewers.update(created!.id, { historyPaused: true, language: 'en' });
      await viewers.setPassword(created!.id, 'y');
      const found = await viewers.findByEmail('Hedy@Example.org');
      const deleted = await viewers.delete(created!.id);
      const left = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM viewer_mail_tokens');
      return {
        taken,
        consumed: consumed.map((id) => id === created!.id),
        updated: [updated!.historyPaused, updated!.language, updated!.displayName],
        found: [found!.passwordHash, found!.tokenVersion, found!.verifiedAt !== null],
        deleted,
        tokensLeft: left[0].n,
      };
    };
    const [a, b] = [await run(pg.db), await run(lite)];
    assert.deepEqual(a, {
      taken: null,
      consumed: [false, false, true, false],
      updated: [true, 'en', 'Hedy'],
      found: ['y', 1, true],
      deleted: true,
      tokensLeft: 0,
    });
    assert.deepEqual(b, a);
  });
});

describe('the Stage video access query on PGlite and PostgreSQL', () => {
  let pg: TestDatabase;
  let lite: PgliteDatabase;
  before(async () => {
    pg = await createTestDatabase('pglite-stage-access');
    lite = await PgliteDatabase.open();
    await migrate(lite);
  });
  after(async () => {
    await lite.close();
    await pg.drop();
  });

  it("reads a video's state, visibility, account and media the same way", async () => {
    const CHANNEL = '66666666-6666-4666-8666-666666666666';
    const ASSET = '77777777-7777-4777-8777-777777777777';
    const VIDEO = '88888888-8888-4888-8888-888888888888';
    const run = async (db: Database) => {
      await seed(db);
      await db.query(`INSERT INTO stage_channels (id, account_id, name) VALUES ($1, $2, 'Acme TV')`, [
        CHANNEL,
        ACCOUNT,
      ]);
      await db.query(
        `INSERT INTO media_assets (id, account_id, owner_id, title, source_key, output_prefix, state, attempt_prefix,
                                   master_key, duration_s)
         VALUES ($1, $2, $3, 'Talk', 'src', 'vod/x/', 'ready', 'vod/x/1/', 'vod/x/1/master.m3u8', 60)`,
        [ASSET, ACCOUNT, ORGANIZER],
      );
      await db.query(
        `INSERT INTO stage_videos (id, channel_id, asset_id, title, language, visibility, status, published_at)
         VALUES ($1, $2, $3, 'Talk', 'fr', 'unlisted', 'published', now())`,
        [VIDEO, CHANNEL, ASSET],
      );
      const videos = new StageVideoAccessRepository(db);
      return [await videos.findById(VIDEO), await videos.findById(CHANNEL)];
    };
    const [a, b] = [await run(pg.db), await run(lite)];
    assert.deepEqual(a, [
      {
        id: VIDEO,
        accountId: ACCOUNT,
        assetId: ASSET,
        status: 'published',
        visibility: 'unlisted',
        masterKey: 'vod/x/1/master.m3u8',
        assetReady: true,
      },
      null,
    ]);
    assert.deepEqual(b, a);
  });
});
