import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { signAccessToken, signJoinToken, signPlaybackToken, signStagePlaybackToken, signViewerToken } from '#tokens';
import { randomSecret } from '#test-support';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';

// Every kind of token offered where another kind belongs, against the real control plane. The HMAC secrets are one
// and the same here on purpose: what must keep the kinds apart is their typ/aud claims and the pinned algorithm, not
// a difference in configuration that an operator could get wrong.
const SHARED = randomSecret();
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('token kinds at the control plane', () => {
  let cp: ControlPlaneHarness;
  let c: SeededCustomer;
  let assetA: string;
  let assetB: string;
  let eventA: string;
  before(async () => {
    cp = await startControlPlane({ JWT_SECRET: SHARED, JOIN_TOKEN_SECRET: SHARED, PLAYBACK_TOKEN_SECRET: SHARED });
    // two live recordings, so each has an asset with a key: A of one customer's event, B of another's
    const live = async (customer: SeededCustomer) => {
      const startsAt = new Date(Date.now() - 1000);
      const e = await cp.api(customer.organizer.token).post('/api/events', {
        title: 'Keys',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
        mode: 'live',
      });
      assert.equal(e.status, 201, JSON.stringify(e.body));
      const r = await fetch(`${cp.url}/api/internal/live/publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cp.config.INTERNAL_API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ streamKey: e.body.streamKey }),
      });
      assert.equal(r.status, 200);
      return { eventId: e.body.id as string, assetId: ((await r.json()) as { assetId: string }).assetId };
    };
    c = await cp.seed();
    ({ eventId: eventA, assetId: assetA } = await live(c));
    ({ assetId: assetB } = await live(await cp.seed()));
  });
  after(() => cp?.close());

  const me = (token: string) => cp.api(token).get('/api/auth/me');
  const key = (asset: string, token: string) =>
    fetch(`${cp.url}/api/keys/${asset}?token=${encodeURIComponent(token)}`).then((r) => r.status);
  const joinInfo = (token: string) => cp.api().get(`/api/public/join/${encodeURIComponent(token)}`);
  const join = () =>
    signJoinToken({ registrantId: randomUUID(), eventId: eventA }, new Date(Date.now() + 3600_000), SHARED);
  const playback = (scope: { kind: 'asset' | 'event'; id: string }) =>
    signPlaybackToken({ viewer: c.organizer.id, scope }, SHARED);

  it('takes each kind where it belongs', async () => {
    assert.equal((await me(c.organizer.token)).status, 200);
    assert.equal(await key(assetA, playback({ kind: 'asset', id: assetA })), 200);
    assert.equal(await key(assetA, playback({ kind: 'event', id: eventA })), 200);
  });

  it('refuses a join, playback or internal token as an access token (401)', async () => {
    for (const token of [join(), playback({ kind: 'asset', id: assetA }), cp.config.INTERNAL_API_TOKEN]) {
      const r = await me(token);
      assert.equal(r.status, 401, JSON.stringify(r.body));
    }
  });

  it('refuses an access or join token as a playback token at the key server (401)', async () => {
    assert.equal(await key(assetA, c.organizer.token), 401);
    assert.equal(await key(assetA, join()), 401);
  });

  it('refuses an access or playback token as a join link (401)', async () => {
    for (const token of [c.organizer.token, playback({ kind: 'event', id: eventA })]) {
      const r = await joinInfo(token);
      assert.equal(r.status, 401, JSON.stringify(r.body));
      assert.match(r.body.message, /not a join token/);
    }
  });

  it('refuses an access, join or playback token on the internal API (401)', async () => {
    for (const token of [c.organizer.token, join(), playback({ kind: 'asset', id: assetA })]) {
      const r = await cp.api(token).get('/api/internal/live/stream-keys');
      assert.equal(r.status, 401);
    }
  });

  it('refuses a viewer token as any other kind, and any other kind as a viewer token (401)', async () => {
    // the same subject and version in both kinds: only typ/aud tell an organizer from a Stage viewer
    const viewerId = randomUUID();
    await cp.db.query(
      "INSERT INTO viewers (id, email, password_hash, display_name, verified_at) VALUES ($1, $2, 'x', 'V', now())",
      [viewerId, `${viewerId}@example.org`],
    );
    const viewer = signViewerToken({ viewerId, tokenVersion: 0 }, SHARED, 600_000);
    assert.equal((await cp.api(viewer).get('/api/stage/me')).status, 200, 'the viewer token itself works');
    const organizerAsViewer = signViewerToken({ viewerId: c.organizer.id, tokenVersion: 0 }, SHARED, 600_000);
    assert.equal((await me(organizerAsViewer)).status, 401);
    assert.equal(await key(assetA, viewer), 401);
    assert.equal((await joinInfo(viewer)).status, 401);
    assert.equal((await cp.api(viewer).get('/api/internal/live/stream-keys')).status, 401);
    const viewerAsAccess = signAccessToken({ userId: viewerId, tokenVersion: 0 }, SHARED, 600_000);
    for (const token of [
      viewerAsAccess,
      c.organizer.token,
      join(),
      playback({ kind: 'asset', id: assetA }),
      cp.config.INTERNAL_API_TOKEN,
    ]) {
      assert.equal((await cp.api(token).get('/api/stage/me')).status, 401, token);
    }
  });

  it('keeps Stage playback tokens and webcast playback tokens apart at the key server, both ways', async () => {
    // asset B on Stage: a published public video of its account's channel
    const [{ account_id: accountB }] = await cp.db.query<{ account_id: string }>(
      'SELECT account_id FROM media_assets WHERE id = $1',
      [assetB],
    );
    const channel = randomUUID();
    const video = randomUUID();
    await cp.db.query("INSERT INTO stage_channels (id, account_id, name) VALUES ($1, $2, 'B TV')", [channel, accountB]);
    await cp.db.query(
      `INSERT INTO stage_videos (id, channel_id, asset_id, title, language, status, published_at)
       VALUES ($1, $2, $3, 'On Stage', 'en', 'published', now())`,
      [video, channel, assetB],
    );
    const stage = (assetId: string) =>
      signStagePlaybackToken({ viewerId: randomUUID(), videoId: video, assetId }, SHARED);
    assert.equal(await key(assetB, stage(assetB)), 200, 'the Stage token itself works');
    // a Stage token opens no webcast asset, even one claiming it
    assert.equal(await key(assetA, stage(assetA)), 403);
    assert.equal(await key(assetA, stage(assetB)), 403);
    // a webcast token for another asset or event opens no Stage video
    assert.equal(await key(assetB, playback({ kind: 'asset', id: assetA })), 403);
    assert.equal(await key(assetB, playback({ kind: 'event', id: eventA })), 403);
    // and a Stage token is no other kind
    assert.equal((await me(stage(assetB))).status, 401);
    assert.equal((await cp.api(stage(assetB)).get('/api/stage/me')).status, 401);
    assert.equal((await joinInfo(stage(assetB))).status, 401);
    assert.equal((await cp.api(stage(assetB)).get('/api/internal/live/stream-keys')).status, 401);
  });

  it("refuses a playback token for asset A, or for A's event, on asset B (403)", async () => {
    assert.equal(await key(assetB, playback({ kind: 'asset', id: assetA })), 403);
    assert.equal(await key(assetB, playback({ kind: 'event', id: eventA })), 403);
  });

  it('refuses alg none, an RS256 header, and HS512 with the right claims (401)', async () => {
    const claims = {
      typ: 'access',
      aud: 'webcast:api',
      tv: 0,
      sub: c.organizer.id,
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    const [, body, sig] = jwt.sign(claims, SHARED, { algorithm: 'HS256' }).split('.');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = [
      `${b64({ alg: 'none', typ: 'JWT' })}.${body}.`,
      `${b64({ alg: 'RS256', typ: 'JWT' })}.${body}.${sig}`,
      jwt.sign(claims, privateKey, { algorithm: 'RS256' }),
      jwt.sign(claims, SHARED, { algorithm: 'HS512' }),
      jwt.sign({ ...claims, aud: undefined }, SHARED, { algorithm: 'HS256' }),
    ];
    for (const token of forged) assert.equal((await me(token)).status, 401, token);
    // the same claims properly signed do pass: what was refused above was the header or the audience alone
    assert.equal((await me(`${b64({ alg: 'HS256', typ: 'JWT' })}.${body}.${sig}`)).status, 200);
    const playbackClaims = {
      typ: 'playback',
      aud: 'webcast:keys',
      sk: 'asset',
      sid: assetA,
      sub: 'v',
      exp: claims.exp,
    };
    assert.equal(await key(assetA, `${b64({ alg: 'none' })}.${b64(playbackClaims)}.`), 401);
  });
});
