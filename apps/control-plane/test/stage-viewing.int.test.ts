import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { signPlaybackToken, signStagePlaybackToken } from '#tokens';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { hashPassword } from '../src/auth/password-hasher';

// What a Stage viewer does over HTTP against a real control plane, PostgreSQL, Redis and S3 endpoint: search, get a
// playback token and the keys it opens, report progress, resume elsewhere, and see, export, clear or pause their
// history. The publishing API is another part's: videos are put in the catalogue with SQL, on a ready asset whose key
// the control plane made.

const PASSWORD = 'correct horse battery';

type Visibility = 'public' | 'unlisted' | 'account';
type Status = 'published' | 'unpublished' | 'taken_down';

describe('Stage viewing', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let channelId: string;
  /** A word no other test's titles hold, so searches see only this run's videos. */
  const word = `zorglub${randomBytes(3).toString('hex')}`;

  before(async () => {
    // one progress report per video per hour, so the second immediate one is refused whatever the machine's pace
    h = await startControlPlane({ STAGE_PROGRESS_INTERVAL: 3_600_000 });
    s = await h.seed();
    channelId = randomUUID();
    await h.db.query(`INSERT INTO stage_channels (id, account_id, name) VALUES ($1, $2, 'Acme TV')`, [
      channelId,
      s.accountId,
    ]);
  });
  after(() => h?.close());

  /** A one-minute video on a ready asset (made by the organizer's API, so it has its key). */
  async function addVideo(
    title: string,
    { visibility = 'public', status = 'published' }: { visibility?: Visibility; status?: Status } = {},
  ): Promise<{ id: string; assetId: string; masterKey: string }> {
    const asset = await h.api(s.organizer.token).post('/api/media/assets', { title });
    assert.equal(asset.status, 201, JSON.stringify(asset.body));
    const assetId = asset.body.id as string;
    const masterKey = `vod/${assetId}/1-aa/master.m3u8`;
    await h.db.query(
      `UPDATE media_assets SET state = 'ready', attempt_prefix = $2, master_key = $3, duration_s = 60, ready_at = now()
       WHERE id = $1`,
      [assetId, `vod/${assetId}/1-aa/`, masterKey],
    );
    const id = randomUUID();
    await h.db.query(
      `INSERT INTO stage_videos (id, channel_id, asset_id, title, language, visibility, status, published_at,
                                 duration_seconds)
       VALUES ($1, $2, $3, $4, 'en', $5, $6, CASE WHEN $6 = 'unpublished' THEN NULL ELSE now() END, 60)`,
      [id, channelId, assetId, title, visibility, status],
    );
    return { id, assetId, masterKey };
  }

  /** A verified viewer, signed in once: their id, e-mail and viewer token. */
  async function viewer(): Promise<{ id: string; email: string; token: string }> {
    const id = randomUUID();
    const email = `camille.${randomBytes(4).toString('hex')}@example.org`;
    await h.db.query(
      `INSERT INTO viewers (id, email, password_hash, display_name, verified_at) VALUES ($1, $2, $3, 'Camille', now())`,
      [id, email, await hashPassword(PASSWORD)],
    );
    return { id, email, token: await signIn(email) };
  }

  async function signIn(email: string): Promise<string> {
    const r = await h.api().post('/api/stage/sessions', { email, password: PASSWORD });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.accessToken as string;
  }

  const key = (assetId: string, token?: string) =>
    fetch(`${h.url}/api/keys/${assetId}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  const playback = (videoId: string, token?: string) => h.api(token).post(`/api/stage/videos/${videoId}/playback`);
  const progress = (videoId: string, token: string, positionSeconds: number) =>
    h.api(token).post(`/api/stage/videos/${videoId}/progress`, {
      positionSeconds,
      durationSeconds: 60,
      playedSeconds: positionSeconds,
    });
  const search = (q: string) => h.api().get(`/api/stage/search?q=${encodeURIComponent(q)}`);

  it('A signed-out visitor cannot get a key for a Stage video (401); a signed-in viewer can', async () => {
    const video = await addVideo(`Keynote ${word}`);
    const out = await playback(video.id);
    assert.equal(out.status, 401);
    assert.match(out.body.message, /sign in to Stage first/);
    assert.equal((await key(video.assetId)).status, 401);

    const camille = await viewer();
    const r = await playback(video.id, camille.token);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.ok(r.body.expiresInS > 0);
    assert.ok(String(r.body.playlistUrl).endsWith(video.masterKey), r.body.playlistUrl);
    const k = await key(video.assetId, r.body.playbackToken);
    assert.equal(k.status, 200);
    assert.equal((await k.arrayBuffer()).byteLength, 16);
    // the viewer's own token is no playback token
    assert.equal((await key(video.assetId, camille.token)).status, 401);
  });

  it('an unlisted video plays by its link but is absent from search', async () => {
    const listed = await addVideo(`Listed ${word} talk`);
    const unlisted = await addVideo(`Unlisted ${word} talk`, { visibility: 'unlisted' });
    const found = await search(word);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    const ids = (found.body.items as { id: string }[]).map((i) => i.id);
    assert.ok(ids.includes(listed.id), JSON.stringify(found.body));
    assert.ok(!ids.includes(unlisted.id), JSON.stringify(found.body));
    assert.equal(found.body.page, 1);

    const camille = await viewer();
    const r = await playback(unlisted.id, camille.token);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal((await key(unlisted.assetId, r.body.playbackToken)).status, 200);
  });

  it('an account-only video refuses other viewers (403); unpublished is unknown (404), taken down is gone (410)', async () => {
    const camille = await viewer();
    const internal = await addVideo('Internal all-hands', { visibility: 'account' });
    const refused = await playback(internal.id, camille.token);
    assert.equal(refused.status, 403);
    assert.match(refused.body.message, /only to the viewers of its channel's organization/);
    assert.equal((await playback((await addVideo('Draft', { status: 'unpublished' })).id, camille.token)).status, 404);
    assert.equal((await playback(randomUUID(), camille.token)).status, 404);

    // a token handed out before the takedown opens nothing after it
    const video = await addVideo('Reported');
    const token = (await playback(video.id, camille.token)).body.playbackToken as string;
    assert.equal((await key(video.assetId, token)).status, 200);
    await h.db.query(`UPDATE stage_videos SET status = 'taken_down' WHERE id = $1`, [video.id]);
    const gone = await playback(video.id, camille.token);
    assert.equal(gone.status, 410);
    assert.match(gone.body.message, /taken down/);
    assert.equal((await key(video.assetId, token)).status, 410);
  });

  it("keeps Stage and webcast playback tokens apart: each opens only its own video's or event's keys", async () => {
    const camille = await viewer();
    const a = await addVideo('Video A');
    const b = await addVideo('Video B');
    const stageA = (await playback(a.id, camille.token)).body.playbackToken as string;
    assert.equal((await key(b.assetId, stageA)).status, 403, "video A's token on video B's asset");
    // a forged claim pairing video A with B's asset is refused: the video's own asset is checked
    const forged = signStagePlaybackToken(
      { viewerId: camille.id, videoId: a.id, assetId: b.assetId },
      h.config.PLAYBACK_TOKEN_SECRET,
    );
    assert.equal((await key(b.assetId, forged)).status, 403);

    // a webcast asset (not on Stage) refuses a Stage token; a webcast token for another asset or event opens no Stage video
    const webcastAsset = (await h.api(s.organizer.token).post('/api/media/assets', { title: 'Webcast' })).body
      .id as string;
    const stageOnWebcast = signStagePlaybackToken(
      { viewerId: camille.id, videoId: a.id, assetId: webcastAsset },
      h.config.PLAYBACK_TOKEN_SECRET,
    );
    assert.equal((await key(webcastAsset, stageOnWebcast)).status, 403);
    const webcast = (scope: { kind: 'asset' | 'event'; id: string }) =>
      signPlaybackToken({ viewer: camille.id, scope }, h.config.PLAYBACK_TOKEN_SECRET);
    assert.equal((await key(webcastAsset, webcast({ kind: 'asset', id: webcastAsset }))).status, 200);
    assert.equal((await key(a.assetId, webcast({ kind: 'asset', id: webcastAsset }))).status, 403);
    assert.equal((await key(a.assetId, webcast({ kind: 'event', id: randomUUID() }))).status, 403);

    // a Stage playback token is no viewer token and no organizer token
    assert.equal((await h.api(stageA).get('/api/stage/me')).status, 401);
    assert.equal((await h.api(stageA).get('/api/auth/me')).status, 401);
  });

  it('resumes at 40 % from another session, and lists the video under continue watching', async () => {
    const camille = await viewer();
    const video = await addVideo('Long talk');
    const r = await progress(video.id, camille.token, 24);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { recorded: true, kept: 'position', resumeAt: 24, viewCounted: true });

    const laptop = await signIn(camille.email);
    const resume = await h.api(laptop).get(`/api/stage/videos/${video.id}/resume`);
    assert.deepEqual(resume.body, { videoId: video.id, positionSeconds: 24 });
    const cont = await h.api(laptop).get('/api/stage/me/continue-watching');
    assert.equal(cont.status, 200);
    assert.deepEqual(
      (cont.body.items as { videoId: string; positionSeconds: number }[]).map((i) => [i.videoId, i.positionSeconds]),
      [[video.id, 24]],
    );
    // another viewer starts from the beginning
    const other = await viewer();
    assert.equal((await h.api(other.token).get(`/api/stage/videos/${video.id}/resume`)).body.positionSeconds, null);
  });

  it('refuses a second progress report for one video at once (429), not one for another video', async () => {
    const camille = await viewer();
    const [first, second] = [await addVideo('One'), await addVideo('Two')];
    assert.equal((await progress(first.id, camille.token, 20)).status, 200);
    const again = await progress(first.id, camille.token, 22);
    assert.equal(again.status, 429);
    assert.match(again.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal((await progress(second.id, camille.token, 20)).status, 200);
  });

  it('exports a history equal to the history pages, as a JSON attachment', async () => {
    const camille = await viewer();
    const videos = [await addVideo('First'), await addVideo('Second'), await addVideo('Third')];
    for (const v of videos) assert.equal((await progress(v.id, camille.token, 30)).status, 200);
    await progress((await addVideo('Finished')).id, camille.token, 59);

    const api = h.api(camille.token);
    const pages = [];
    for (let offset = 0; ; offset += 2) {
      const page = await api.get(`/api/stage/me/history?limit=2&offset=${offset}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.equal(page.body.total, 4);
      if (page.body.items.length === 0) break;
      pages.push(...page.body.items);
    }
    assert.equal(pages.length, 4);
    const exported = await api.get('/api/stage/me/history/export');
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-disposition') ?? '', /^attachment; filename="stage-history\.json"$/);
    assert.equal(exported.body.viewerId, camille.id);
    assert.deepEqual(exported.body.history, pages);
    assert.deepEqual(
      pages.map((e: { title: string; watched: boolean }) => [e.title, e.watched]),
      [
        ['Finished', true],
        ['Third', false],
        ['Second', false],
        ['First', false],
      ],
    );
  });

  it('removes one video from the history, then clears it all', async () => {
    const camille = await viewer();
    const [a, b, c] = [await addVideo('A'), await addVideo('B'), await addVideo('C')];
    for (const v of [a, b, c]) await progress(v.id, camille.token, 30);
    const api = h.api(camille.token);

    assert.equal((await api.delete(`/api/stage/me/history/${a.id}`)).status, 204);
    const titles = async () =>
      ((await api.get('/api/stage/me/history')).body.items as { title: string }[]).map((i) => i.title);
    assert.deepEqual(await titles(), ['C', 'B']);
    const again = await api.delete(`/api/stage/me/history/${a.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.field, 'videoId');
    assert.equal((await api.get(`/api/stage/videos/${a.id}/resume`)).body.positionSeconds, null);

    const cleared = await api.delete('/api/stage/me/history');
    assert.deepEqual([cleared.status, cleared.body], [200, { removed: 2 }]);
    assert.deepEqual(await titles(), []);
    assert.deepEqual((await api.get('/api/stage/me/continue-watching')).body.items, []);
  });

  it('records nothing while the history is paused, and again once resumed', async () => {
    const camille = await viewer();
    const api = h.api(camille.token);
    assert.equal((await api.patch('/api/stage/me', { historyPaused: true })).status, 200);
    const video = await addVideo('Private viewing');
    const r = await progress(video.id, camille.token, 30);
    assert.deepEqual(
      [r.status, r.body],
      [200, { recorded: false, kept: 'paused', resumeAt: null, viewCounted: false }],
    );
    assert.equal((await api.get(`/api/stage/videos/${video.id}/resume`)).body.positionSeconds, null);
    assert.equal((await api.get('/api/stage/me/history')).body.total, 0);

    assert.equal((await api.patch('/api/stage/me', { historyPaused: false })).status, 200);
    const later = await addVideo('Public viewing');
    assert.equal((await progress(later.id, camille.token, 30)).body.kept, 'position');
    assert.equal((await api.get('/api/stage/me/history')).body.total, 1);
  });

  it('answers 401 with a sentence to the signed-out and to an organizer on every viewer route', async () => {
    const video = await addVideo('Anything');
    const routes: [string, string][] = [
      ['POST', `/api/stage/videos/${video.id}/progress`],
      ['GET', `/api/stage/videos/${video.id}/resume`],
      ['GET', '/api/stage/me/continue-watching'],
      ['GET', '/api/stage/me/history'],
      ['GET', '/api/stage/me/history/export'],
      ['DELETE', `/api/stage/me/history/${video.id}`],
      ['DELETE', '/api/stage/me/history'],
    ];
    for (const [method, path] of routes) {
      const body = method === 'POST' ? { positionSeconds: 1, durationSeconds: 60, playedSeconds: 1 } : undefined;
      const out = await h.api().request(method, path, body);
      assert.equal(out.status, 401, `${method} ${path}`);
      assert.match(out.body.message, /sign in to Stage first/);
      const organizer = await h.api(s.organizer.token).request(method, path, body);
      assert.equal(organizer.status, 401, `${method} ${path}`);
      assert.match(organizer.body.message, /organizer's access token/);
    }
  });
});
