import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Database, PgliteDatabase, migrate } from '#database';
import { createTestDatabase } from '#test-support';
import { StageWatchRepository } from '../src/stage/stage-watch.repository';

// Resume, watched, views and the history a viewer controls: the same on PostgreSQL (CI) and PGlite (`npm start`).
type Channel = { accountId: string; ownerId: string; channelId: string };

async function seedChannel(db: Database): Promise<Channel> {
  const accountId = randomUUID(),
    ownerId = randomUUID(),
    channelId = randomUUID();
  await db.query(`INSERT INTO accounts (id, name) VALUES ($1, 'Acme')`, [accountId]);
  await db.query(
    `INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES ($1, $2, $3, 'Boss', 'admin', 'x')`,
    [ownerId, accountId, `boss-${ownerId}@acme.example`],
  );
  await db.query(`INSERT INTO stage_channels (id, account_id, name) VALUES ($1, $2, 'Acme TV')`, [
    channelId,
    accountId,
  ]);
  return { accountId, ownerId, channelId };
}

/** A published one-minute video. */
async function addVideo(db: Database, channel: Channel, title: string): Promise<string> {
  const assetId = randomUUID(),
    id = randomUUID();
  await db.query(
    `INSERT INTO media_assets (id, account_id, owner_id, title, source_key, output_prefix) VALUES ($1, $2, $3, $4, 'src', 'out')`,
    [assetId, channel.accountId, channel.ownerId, title],
  );
  await db.query(
    `INSERT INTO stage_videos (id, channel_id, asset_id, title, language, status, published_at, duration_seconds)
     VALUES ($1, $2, $3, $4, 'fr', 'published', now(), 60)`,
    [id, channel.channelId, assetId, title],
  );
  return id;
}

async function addViewer(db: Database): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO viewers (id, email, password_hash, display_name) VALUES ($1, $2, 'x', 'Camille')`, [
    id,
    `camille-${id}@example.org`,
  ]);
  return id;
}

const at = (minutes: number) => new Date(Date.parse('2026-03-01T10:00:00Z') + minutes * 60_000);
/** A report from a one-minute video's player that has played from the start to `position`. */
const played = (position: number) => ({ positionSeconds: position, durationSeconds: 60, playedSeconds: position });

function watchCases(label: string, open: () => Promise<{ db: Database; close(): Promise<void> }>) {
  describe(`Stage watch history on ${label}`, () => {
    let handle: { db: Database; close(): Promise<void> };
    let db: Database;
    let channel: Channel;
    let watch: StageWatchRepository;

    const countRows = async (sql: string, params: unknown[]) =>
      Number((await db.query<{ n: number }>(sql, params))[0].n);
    const viewsOf = (videoId: string) =>
      countRows(`SELECT count(*)::int AS n FROM stage_views WHERE video_id = $1`, [videoId]);
    const viewsNaming = (viewerId: string) =>
      countRows(`SELECT count(*)::int AS n FROM stage_views WHERE viewer_id = $1`, [viewerId]);

    before(async () => {
      handle = await open();
      db = handle.db;
      channel = await seedChannel(db);
      watch = new StageWatchRepository(db);
    });
    after(async () => {
      await handle.close();
    });

    it('resumes at 40 % on another device after stopping there', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Keynote');
      const outcome = await watch.recordProgress(viewer, video, played(24), at(0));
      assert.deepEqual(outcome, { recorded: true, kept: 'position', resumeAt: 24, viewCounted: true });
      const otherDevice = new StageWatchRepository(db);
      assert.equal(await otherDevice.resumePosition(viewer, video), 24);
      assert.deepEqual(
        (await otherDevice.continueWatching(viewer, 10)).map((i) => [i.videoId, i.positionSeconds]),
        [[video, 24]],
      );
    });

    it('keeps the latest report when an older one from another device arrives late', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Panel');
      await watch.recordProgress(viewer, video, played(30), at(10));
      const late = await watch.recordProgress(viewer, video, played(12), at(5));
      assert.equal(late.recorded && late.kept, 'nothing');
      assert.equal(await watch.resumePosition(viewer, video), 30);
    });

    it('keeps nothing under 5 %, and a later sample under 5 % leaves the resume point alone', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Trailer');
      const sampled = await watch.recordProgress(viewer, video, played(2), at(0));
      assert.deepEqual(sampled, { recorded: true, kept: 'nothing', resumeAt: null, viewCounted: false });
      assert.equal(await watch.resumePosition(viewer, video), null);
      assert.deepEqual(await watch.history(viewer, { limit: 10, offset: 0 }), { total: 0, items: [] });

      await watch.recordProgress(viewer, video, played(30), at(1));
      await watch.recordProgress(viewer, video, { ...played(2), playedSeconds: 0 }, at(2));
      assert.equal(await watch.resumePosition(viewer, video), 30);
    });

    it('marks a video watched over 90 %: no resume point, gone from continue watching, in the history', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Workshop');
      await watch.recordProgress(viewer, video, played(30), at(0));
      const done = await watch.recordProgress(viewer, video, played(55), at(1));
      assert.equal(done.recorded && done.kept, 'watched');
      assert.equal(await watch.resumePosition(viewer, video), null);
      assert.deepEqual(await watch.continueWatching(viewer, 10), []);
      const page = await watch.history(viewer, { limit: 10, offset: 0 });
      assert.deepEqual(
        page.items.map((i) => [i.videoId, i.watched, i.positionSeconds]),
        [[video, true, 0]],
      );
    });

    it('lists continue watching newest first, published videos only', async () => {
      const viewer = await addViewer(db);
      const first = await addVideo(db, channel, 'First');
      const second = await addVideo(db, channel, 'Second');
      const withdrawn = await addVideo(db, channel, 'Withdrawn');
      await watch.recordProgress(viewer, first, played(20), at(0));
      await watch.recordProgress(viewer, withdrawn, played(20), at(1));
      await watch.recordProgress(viewer, second, played(20), at(2));
      await db.query(`UPDATE stage_videos SET status = 'taken_down' WHERE id = $1`, [withdrawn]);
      const items = await watch.continueWatching(viewer, 10);
      assert.deepEqual(
        items.map((i) => i.title),
        ['Second', 'First'],
      );
      assert.deepEqual(
        (await watch.continueWatching(viewer, 1)).map((i) => i.videoId),
        [second],
      );
      const history = await watch.history(viewer, { limit: 10, offset: 0 });
      assert.deepEqual(
        history.items.map((i) => [i.title, i.available]),
        [
          ['Second', true],
          ['Withdrawn', false],
          ['First', true],
        ],
        'the history still shows it, as no longer available',
      );
    });

    it('records nothing, not even a view, while the history is paused', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Private talk');
      await db.query(`UPDATE viewers SET history_paused = true WHERE id = $1`, [viewer]);
      assert.deepEqual(await watch.recordProgress(viewer, video, played(30), at(0)), {
        recorded: false,
        reason: 'paused',
      });
      assert.equal(await watch.resumePosition(viewer, video), null);
      assert.deepEqual(await watch.history(viewer, { limit: 10, offset: 0 }), { total: 0, items: [] });
      assert.equal(await viewsOf(video), 0);
    });

    it('records nothing for an unpublished video or an unknown viewer', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Draft');
      await db.query(`UPDATE stage_videos SET status = 'unpublished' WHERE id = $1`, [video]);
      assert.deepEqual(await watch.recordProgress(viewer, video, played(30), at(0)), {
        recorded: false,
        reason: 'unavailable',
      });
      const published = await addVideo(db, channel, 'Live');
      assert.deepEqual(await watch.recordProgress(randomUUID(), published, played(30), at(0)), {
        recorded: false,
        reason: 'unavailable',
      });
      assert.equal((await watch.history(viewer, { limit: 10, offset: 0 })).total, 0);
    });

    it('counts a view after 10 s of playback, once per hour', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Interview');
      const views: boolean[] = [];
      for (const [minute, seconds] of [
        [0, 9],
        [0.2, 10],
        [0.5, 40],
        [30, 20],
        [61, 10],
      ]) {
        const o = await watch.recordProgress(viewer, video, played(seconds), at(minute));
        views.push(o.recorded && o.viewCounted);
      }
      assert.deepEqual(views, [false, true, false, false, true]);
      assert.equal(await viewsOf(video), 2);
    });

    it('counts one view when several devices report at the same moment', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Town hall');
      // Played 20 s then went back to the start: a view, and no resume point to store.
      const report = { positionSeconds: 1, durationSeconds: 60, playedSeconds: 20 };
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () => watch.recordProgress(viewer, video, report, at(0))),
      );
      assert.equal(outcomes.filter((o) => o.recorded && o.viewCounted).length, 1);
      assert.equal(await viewsOf(video), 1);
    });

    it('removes one video from the history, its views kept but no longer naming the viewer', async () => {
      const viewer = await addViewer(db);
      const kept = await addVideo(db, channel, 'Kept');
      const removed = await addVideo(db, channel, 'Removed');
      await watch.recordProgress(viewer, kept, played(20), at(0));
      await watch.recordProgress(viewer, removed, played(20), at(1));
      assert.equal(await watch.remove(viewer, removed), true);
      assert.equal(await watch.remove(viewer, removed), false, 'nothing left to remove');
      assert.deepEqual(
        (await watch.history(viewer, { limit: 10, offset: 0 })).items.map((i) => i.videoId),
        [kept],
      );
      assert.equal(await watch.resumePosition(viewer, removed), null);
      assert.equal(await viewsOf(removed), 1, "the creator's count does not change");
      assert.equal(await viewsNaming(viewer), 1, 'only the kept video still names the viewer');
    });

    it('clears the whole history', async () => {
      const viewer = await addViewer(db);
      const bystander = await addViewer(db);
      const videos = [await addVideo(db, channel, 'One'), await addVideo(db, channel, 'Two')];
      await watch.recordProgress(viewer, videos[0], played(20), at(0));
      await watch.recordProgress(viewer, videos[1], played(58), at(1));
      await watch.recordProgress(bystander, videos[0], played(20), at(2));
      assert.equal(await watch.clear(viewer), 2);
      assert.deepEqual(await watch.history(viewer, { limit: 10, offset: 0 }), { total: 0, items: [] });
      assert.deepEqual(await watch.continueWatching(viewer, 10), []);
      assert.deepEqual((await watch.export(viewer)).history, []);
      assert.equal(await viewsNaming(viewer), 0);
      assert.equal(await viewsOf(videos[0]), 2, "the creator's counts do not change");
      assert.equal((await watch.history(bystander, { limit: 10, offset: 0 })).total, 1, "others' history stays");
    });

    it('exports exactly what the history pages show, as plain JSON', async () => {
      const viewer = await addViewer(db);
      for (let n = 0; n < 5; n++) {
        const video = await addVideo(db, channel, `Episode ${n}`);
        await watch.recordProgress(viewer, video, played(n === 2 ? 59 : 10 + n), at(n));
      }
      const pages = [];
      for (const offset of [0, 2, 4, 6]) pages.push(await watch.history(viewer, { limit: 2, offset }));
      assert.deepEqual(
        pages.map((p) => [p.total, p.items.length]),
        [
          [5, 2],
          [5, 2],
          [5, 1],
          [5, 0],
        ],
      );
      const exported = await watch.export(viewer);
      assert.deepEqual(
        exported.history,
        pages.flatMap((p) => p.items),
      );
      assert.deepEqual(
        exported.history.map((e) => e.title),
        ['Episode 4', 'Episode 3', 'Episode 2', 'Episode 1', 'Episode 0'],
      );
      assert.deepEqual(JSON.parse(JSON.stringify(exported)), exported);
    });

    it('leaves no watch rows, and only anonymous views, once the viewer is deleted', async () => {
      const viewer = await addViewer(db);
      const video = await addVideo(db, channel, 'Farewell');
      await watch.recordProgress(viewer, video, played(30), at(0));
      await db.query(`DELETE FROM viewers WHERE id = $1`, [viewer]);
      assert.equal(await countRows(`SELECT count(*)::int AS n FROM stage_watch WHERE viewer_id = $1`, [viewer]), 0);
      assert.equal(await viewsNaming(viewer), 0);
      assert.equal(await viewsOf(video), 1);
    });
  });
}

watchCases('PostgreSQL', async () => {
  const t = await createTestDatabase('stage-watch');
  return { db: t.db, close: () => t.drop() };
});

watchCases('embedded PGlite', async () => {
  const db = await PgliteDatabase.open();
  await migrate(db);
  return { db, close: () => db.close() };
});
