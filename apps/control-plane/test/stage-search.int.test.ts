import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Database, PgliteDatabase, migrate } from '#database';
import { createTestDatabase } from '#test-support';
import { StageSearchRepository } from '../src/stage/stage-search.repository';

// `npm start` runs on embedded PGlite, CI on PostgreSQL: Stage search must find the same videos on both.
interface SeedVideo {
  title: string;
  description?: string;
  tags?: string[];
  language?: 'fr' | 'en';
  visibility?: 'public' | 'unlisted' | 'account';
  status?: 'published' | 'unpublished' | 'restricted' | 'taken_down';
}

async function seedChannel(db: Database): Promise<{ accountId: string; ownerId: string; channelId: string }> {
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

let clock = Date.parse('2026-01-01T00:00:00Z');

async function addVideo(db: Database, channel: Awaited<ReturnType<typeof seedChannel>>, v: SeedVideo) {
  const assetId = randomUUID(),
    id = randomUUID();
  await db.query(
    `INSERT INTO media_assets (id, account_id, owner_id, title, source_key, output_prefix) VALUES ($1, $2, $3, $4, 'src', 'out')`,
    [assetId, channel.accountId, channel.ownerId, v.title],
  );
  const status = v.status ?? 'published';
  clock += 3_600_000;
  await db.query(
    `INSERT INTO stage_videos (id, channel_id, asset_id, title, description, tags, language, visibility, status, published_at, duration_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 60)`,
    [
      id,
      channel.channelId,
      assetId,
      v.title,
      v.description ?? '',
      v.tags ?? [],
      v.language ?? 'fr',
      v.visibility ?? 'public',
      status,
      status === 'unpublished' ? null : new Date(clock),
    ],
  );
  return id;
}

/** Strips the highlight marks: what is left must hold no markup at all. */
const unmarked = (html: string) => html.replace(/<\/?mark>/g, '');

function searchCases(label: string, open: () => Promise<{ db: Database; close(): Promise<void> }>) {
  describe(`Stage search on ${label}`, () => {
    let handle: { db: Database; close(): Promise<void> };
    let search: StageSearchRepository;
    const ids: Record<string, string> = {};
    const series: string[] = [];

    before(async () => {
      handle = await open();
      const db = handle.db;
      const channel = await seedChannel(db);
      ids.event = await addVideo(db, channel, {
        title: 'Événement annuel des clients',
        description: 'Le grand rendez-vous de nos clients, en direct de Lyon.',
        tags: ['conférence'],
      });
      ids.webinars = await addVideo(db, channel, { title: 'Nos webinaires de printemps' });
      ids.transcoding = await addVideo(db, channel, {
        title: 'Guide du transcodage vidéo',
        description: 'Comment préparer une vidéo pour la diffusion en ligne.',
      });
      ids.english = await addVideo(db, channel, {
        title: 'Streaming conferences at scale',
        language: 'en',
        description: 'How we stream keynotes to thousands of viewers.',
      });
      ids.script = await addVideo(db, channel, { title: '<script>alert("x")</script> & démo' });
      ids.unlisted = await addVideo(db, channel, { title: 'Événement privé', visibility: 'unlisted' });
      ids.account = await addVideo(db, channel, { title: 'Événement interne', visibility: 'account' });
      ids.unpublished = await addVideo(db, channel, { title: 'Événement brouillon', status: 'unpublished' });
      ids.restricted = await addVideo(db, channel, { title: 'Événement restreint', status: 'restricted' });
      ids.takenDown = await addVideo(db, channel, { title: 'Événement retiré', status: 'taken_down' });
      for (let n = 1; n <= 7; n++) {
        series.push(await addVideo(db, channel, { title: `Épisode ${n}`, tags: ['feuilleton'] }));
      }
      search = new StageSearchRepository(db);
    });
    after(async () => {
      await handle.close();
    });

    it('finds "Événement" for "evenement", marking the word as written', async () => {
      const found = await search.search('evenement', { limit: 10, offset: 0 });
      assert.deepEqual(
        found.items.map((i) => i.id),
        [ids.event],
      );
      assert.equal(found.total, 1);
      assert.equal(found.items[0].highlightedTitle, '<mark>Événement</mark> annuel des clients');
    });

    it('finds accented words typed with their accents too', async () => {
      const found = await search.search('Événement', { limit: 10, offset: 0 });
      assert.deepEqual(
        found.items.map((i) => i.id),
        [ids.event],
      );
    });

    it('finds "webinaires" for "webinaire" and "conferences" for "conference"', async () => {
      const fr = await search.search('webinaire', { limit: 10, offset: 0 });
      assert.deepEqual(
        fr.items.map((i) => i.id),
        [ids.webinars],
      );
      assert.equal(fr.items[0].highlightedTitle, 'Nos <mark>webinaires</mark> de printemps');
      const en = await search.search('conference', { limit: 10, offset: 0 });
      assert.deepEqual(new Set(en.items.map((i) => i.id)), new Set([ids.english, ids.event]), 'title and tag');
      assert.equal(en.items[0].id, ids.english, 'a title match ranks above a tag match');
    });

    it('finds "transcodage" for the typo "transcodgae"', async () => {
      const found = await search.search('transcodgae', { limit: 10, offset: 0 });
      assert.deepEqual(
        found.items.map((i) => i.id),
        [ids.transcoding],
      );
    });

    it('finds words of the description and shows them in the snippet', async () => {
      const found = await search.search('keynotes', { limit: 10, offset: 0 });
      assert.deepEqual(
        found.items.map((i) => i.id),
        [ids.english],
      );
      assert.match(found.items[0].snippet, /<mark>keynotes<\/mark>/);
    });

    it('never finds unlisted, account-only, unpublished, restricted or taken-down videos', async () => {
      for (const q of ['evenement', 'privé', 'interne', 'brouillon', 'restreint', 'retiré']) {
        const found = await search.search(q, { limit: 50, offset: 0 });
        const hidden = [ids.unlisted, ids.account, ids.unpublished, ids.restricted, ids.takenDown];
        assert.deepEqual(
          found.items.filter((i) => hidden.includes(i.id)),
          [],
          q,
        );
      }
    });

    it('pages through the results with the right total', async () => {
      const pages = [];
      for (const offset of [0, 3, 6, 9]) pages.push(await search.search('feuilleton', { limit: 3, offset }));
      assert.deepEqual(
        pages.map((p) => p.total),
        [7, 7, 7, 7],
      );
      assert.deepEqual(
        pages.map((p) => p.items.length),
        [3, 3, 1, 0],
      );
      assert.deepEqual(new Set(pages.flatMap((p) => p.items.map((i) => i.id))), new Set(series));
    });

    it('returns a title holding <script> escaped, the highlight marks being its only markup', async () => {
      const found = await search.search('démo', { limit: 10, offset: 0 });
      assert.deepEqual(
        found.items.map((i) => i.id),
        [ids.script],
      );
      const hit = found.items[0];
      assert.equal(hit.title, '<script>alert("x")</script> & démo');
      assert.equal(hit.highlightedTitle, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>démo</mark>');
      assert.doesNotMatch(unmarked(hit.highlightedTitle), /[<>]/);
    });

    it('answers an empty query with nothing', async () => {
      assert.deepEqual(await search.search('   ', { limit: 10, offset: 0 }), { total: 0, items: [] });
    });
  });
}

searchCases('PostgreSQL', async () => {
  const t = await createTestDatabase('stage-search');
  return { db: t.db, close: () => t.drop() };
});

searchCases('embedded PGlite', async () => {
  const db = await PgliteDatabase.open();
  await migrate(db);
  return { db, close: () => db.close() };
});
