import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Database, PgliteDatabase, migrate } from '#database';
import { createTestDatabase } from '#test-support';
import { StagePublishingRepository, StageVideoFields } from '../src/stage/stage-publishing.repository';

// The publishing queries answer the same on PostgreSQL (CI) and PGlite (`npm start`): one channel per account, an
// asset on Stage once, status changes only between published and unpublished, the channel page.
type Account = { accountId: string; ownerId: string };

async function seedAccount(db: Database): Promise<Account> {
  const accountId = randomUUID(),
    ownerId = randomUUID();
  await db.query(`INSERT INTO accounts (id, name) VALUES ($1, 'Acme Events')`, [accountId]);
  await db.query(
    `INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES ($1, $2, $3, 'Boss', 'admin', 'x')`,
    [ownerId, accountId, `boss-${ownerId}@acme.example`],
  );
  return { accountId, ownerId };
}

async function addAsset(db: Database, a: Account): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO media_assets (id, account_id, owner_id, title, source_key, output_prefix) VALUES ($1, $2, $3, 'x', 'src', 'out')`,
    [id, a.accountId, a.ownerId],
  );
  return id;
}

const fields = (title: string, extra: Partial<StageVideoFields> = {}): StageVideoFields => ({
  title,
  description: 'About it',
  tags: ['keynote'],
  language: 'fr',
  visibility: 'public',
  ...extra,
});

function publishingCases(label: string, open: () => Promise<{ db: Database; close(): Promise<void> }>) {
  describe(`Stage publishing queries on ${label}`, () => {
    let handle: { db: Database; close(): Promise<void> };
    let db: Database;
    let repo: StagePublishingRepository;
    let account: Account;

    before(async () => {
      handle = await open();
      db = handle.db;
      repo = new StagePublishingRepository(db);
      account = await seedAccount(db);
    });
    after(async () => {
      await handle.close();
    });

    const publish = async (
      channelId: string,
      title: string,
      extra: Partial<StageVideoFields> = {},
      owner: Account = account,
    ) => {
      const v = await repo.publish({
        id: randomUUID(),
        channelId,
        assetId: await addAsset(db, owner),
        fields: fields(title, extra),
        durationSeconds: 61.5,
        posterKey: 'vod/x/poster.jpg',
      });
      assert.ok(v);
      return v;
    };

    it('gives an account one channel, named after it, however often it is asked for', async () => {
      const first = await repo.channelOfAccount(account.accountId, randomUUID());
      const again = await repo.channelOfAccount(account.accountId, randomUUID());
      assert.equal(again.id, first.id);
      assert.equal(first.name, 'Acme Events');
      assert.equal((await repo.channel(first.id))?.accountId, account.accountId);
    });

    it('puts an asset on Stage once, and finds a video only in its own account', async () => {
      const channel = await repo.channelOfAccount(account.accountId, randomUUID());
      const v = await publish(channel.id, 'Keynote');
      assert.equal(v.status, 'published');
      assert.equal(v.durationSeconds, 61.5);
      assert.deepEqual(v.tags, ['keynote']);
      assert.ok(v.publishedAt);
      const twice = await repo.publish({
        id: randomUUID(),
        channelId: channel.id,
        assetId: v.assetId!,
        fields: fields('Again'),
        durationSeconds: null,
        posterKey: null,
      });
      assert.equal(twice, null);
      const other = await seedAccount(db);
      assert.equal(await repo.videoOfAccount(other.accountId, v.id), null);
      assert.equal((await repo.videoOfAccount(account.accountId, v.id))?.title, 'Keynote');
    });

    it('moves between published and unpublished only, keeping the first publication date', async () => {
      const channel = await repo.channelOfAccount(account.accountId, randomUUID());
      const v = await publish(channel.id, 'Talk');
      const down = await repo.setStatus(v.id, 'unpublished', ['published', 'unpublished']);
      assert.equal(down?.status, 'unpublished');
      const up = await repo.setStatus(v.id, 'published', ['published', 'unpublished']);
      assert.equal(up?.publishedAt?.toISOString(), v.publishedAt?.toISOString());
      await db.query(`UPDATE stage_videos SET status = 'taken_down' WHERE id = $1`, [v.id]);
      assert.equal(await repo.setStatus(v.id, 'published', ['published', 'unpublished']), null);
    });

    it("pages the channel's public published videos, newest first", async () => {
      const a = await seedAccount(db);
      const channel = await repo.channelOfAccount(a.accountId, randomUUID());
      const shown = [];
      for (const t of ['One', 'Two', 'Three']) shown.unshift((await publish(channel.id, t, {}, a)).id);
      await publish(channel.id, 'Unlisted', { visibility: 'unlisted' }, a);
      await publish(channel.id, 'Members', { visibility: 'account' }, a);
      const off = await publish(channel.id, 'Off', {}, a);
      await repo.setStatus(off.id, 'unpublished', ['published']);
      const page = await repo.listedVideos(channel.id, 2, 1);
      assert.equal(page.total, 3);
      assert.deepEqual(
        page.items.map((v) => v.id),
        shown.slice(1),
      );
    });
  });
}

publishingCases('PostgreSQL', async () => {
  const t = await createTestDatabase('stage-publishing');
  return { db: t.db, close: () => t.drop() };
});

publishingCases('embedded PGlite', async () => {
  const db = await PgliteDatabase.open();
  await migrate(db);
  return { db, close: () => db.close() };
});
