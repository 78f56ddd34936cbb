import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '#config';
import { testSecrets } from '#test-support';
import { DomainError } from '#domain';
import type { VodJobResult } from '#contracts';
import type { ObjectStorage } from '#storage';
import { signPlaybackToken, signStagePlaybackToken } from '#tokens';
import type { AuthUser } from '../src/auth';
import { controlPlaneSettings } from '../src/config';
import type { MediaAssetRecord } from '../src/media/media-asset-record';
import { RedisRateLimiter } from '../src/http/redis-rate-limiter';
import { VodJobs } from '../src/media/vod-jobs';
import { ControlPlaneMetrics } from '../src/observability/metrics';
import { KeyServerService } from '../src/media/key-server.service';
import { MediaAssetViews } from '../src/media/media-asset-views';
import type { MediaAssetsRepository } from '../src/media/media-assets.repository';
import { MediaProgressHub } from '../src/media/media-progress-hub';
import type { VodQueue } from '../src/media/vod-queue';
import { VodResultsService } from '../src/media/vod-results.service';
import type { WebhookPublisher } from '../src/webhooks/webhook-publisher';
import type { StageVideoAccess, StageVideoAccessRepository } from '../src/stage/stage-video-access.repository';

// Unit layer: the rules of the key server and of vod results with their repositories replaced by fakes that fail on any call the
// test did not expect. The end-to-end suites show the same rules over HTTP with real storage and queues.

function strict<T extends object>(name: string, impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, prop) {
      if (prop in target) return (target as Record<string | symbol, unknown>)[prop];
      throw new Error(`unexpected use of ${name}.${String(prop)}`);
    },
  }) as T;
}

const config = { ...readConfig(controlPlaneSettings, testSecrets()), PORT: 3000 };
const KEY = Buffer.alloc(16, 9);
const owner: AuthUser = { id: 'u-owner', accountId: 'acc-1', role: 'organizer', orderId: 'o1' };
const colleague: AuthUser = { id: 'u-colleague', accountId: 'acc-1', role: 'organizer', orderId: 'o1' };
const admin: AuthUser = { id: 'u-admin', accountId: 'acc-1', role: 'admin', orderId: null };
const stranger: AuthUser = { id: 'u-x', accountId: 'acc-2', role: 'organizer', orderId: 'o2' };

function asset(over: Partial<MediaAssetRecord> = {}): MediaAssetRecord {
  return {
    id: 'a1',
    accountId: 'acc-1',
    ownerId: 'u-owner',
    eventId: 'ev-1',
    title: 't',
    state: 'ready',
    failureReason: null,
    progress: 100,
    sourceKey: 'sources/a1',
    sourceBytes: 1,
    outputPrefix: 'vod/a1/',
    attemptPrefix: 'vod/a1/2-bb/',
    masterKey: 'vod/a1/2-bb/master.m3u8',
    posterKey: null,
    durationS: 6,
    totalBytes: 10,
    createdAt: new Date(),
    updatedAt: new Date(),
    readyAt: new Date(),
    ...over,
  };
}

function keyServer(assets: Partial<MediaAssetsRepository>, stageVideos: Partial<StageVideoAccessRepository> = {}) {
  // the rate limit is Redis's business (login-lock and key-server tests); here every request is under it
  return new KeyServerService(
    strict('assets', assets),
    config,
    strict<RedisRateLimiter>('limits', { enforce: async () => undefined }),
    strict('stageVideos', stageVideos),
  );
}

function vodResults(
  assets: Partial<MediaAssetsRepository>,
  storage: Partial<ObjectStorage> = {},
  hub = new MediaProgressHub(),
  webhooks: string[] = [],
) {
  const repo = strict('assets', assets);
  const store = strict('storage', storage);
  const publisher = strict<WebhookPublisher>('webhooks', {
    publishQuietly: async (_account: string, type: string, occurrence: string) =>
      void webhooks.push(`${type} ${occurrence}`),
  });
  return new VodResultsService(
    repo,
    strict<VodQueue>('queue', {}),
    new MediaAssetViews(repo, hub, store),
    store,
    publisher,
    strict<VodJobs>('jobs', {}),
    new ControlPlaneMetrics(),
    config,
  );
}

const keyRepo = { findById: async (id: string) => (id === 'a1' ? asset() : null), key: async () => KEY };
const token = (kind: 'asset' | 'event', id: string) =>
  signPlaybackToken({ viewer: 'v', scope: { kind, id } }, config.PLAYBACK_TOKEN_SECRET);
const kindOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => (e instanceof DomainError ? e.kind : String(e)),
  );

describe('the key server rules', () => {
  const s = keyServer(keyRepo);

  it('gives the key to the owner and to an administrator of the account', async () => {
    assert.deepEqual(await s.key('a1', owner, undefined), KEY);
    assert.deepEqual(await s.key('a1', admin, undefined), KEY);
  });

  it('refuses another organizer, of the same account or another (403), and says an unknown asset is unknown (404)', async () => {
    assert.equal(await kindOf(s.key('a1', colleague, undefined)), 'forbidden');
    assert.equal(await kindOf(s.key('a1', stranger, undefined)), 'forbidden');
    assert.equal(await kindOf(s.key('zz', owner, undefined)), 'not_found');
  });

  it('needs a playback token from anyone not signed in (401 missing or bad)', async () => {
    assert.equal(await kindOf(s.key('a1', undefined, undefined)), 'unauthenticated');
    assert.equal(await kindOf(s.key('a1', undefined, 'garbage')), 'unauthenticated');
  });

  it('opens the asset for a token of this asset or of the event it records, and nothing else (403)', async () => {
    assert.deepEqual(await s.key('a1', undefined, token('asset', 'a1')), KEY);
    assert.deepEqual(await s.key('a1', undefined, token('event', 'ev-1')), KEY);
    assert.equal(await kindOf(s.key('a1', undefined, token('asset', 'a2'))), 'forbidden');
    assert.equal(await kindOf(s.key('a1', undefined, token('event', 'ev-2'))), 'forbidden');
    assert.equal(await kindOf(s.key('zz', undefined, token('asset', 'a1'))), 'forbidden');
  });

  it("opens a Stage video's asset for its Stage playback token while it is published, 410 once taken down", async () => {
    const video = (over: Partial<StageVideoAccess> = {}): StageVideoAccess => ({
      id: 'sv1',
      accountId: 'acc',
      assetId: 'a1',
      status: 'published',
      visibility: 'public',
      masterKey: 'vod/a1/2-bb/master.m3u8',
      assetReady: true,
      ...over,
    });
    const stage = (videoId: string, assetId: string) =>
      signStagePlaybackToken({ viewerId: 'v', videoId, assetId }, config.PLAYBACK_TOKEN_SECRET);
    const withVideo = (v: StageVideoAccess | null) =>
      keyServer(keyRepo, { findById: async (id: string) => (v && id === v.id ? v : null) });
    assert.deepEqual(await withVideo(video()).key('a1', undefined, stage('sv1', 'a1')), KEY);
    assert.deepEqual(await withVideo(video({ visibility: 'unlisted' })).key('a1', undefined, stage('sv1', 'a1')), KEY);
    assert.equal(await kindOf(withVideo(video()).key('zz', undefined, stage('sv1', 'a1'))), 'forbidden');
    assert.equal(await kindOf(withVideo(video()).key('a1', undefined, stage('sv2', 'a1'))), 'forbidden');
    assert.equal(
      await kindOf(withVideo(video({ status: 'unpublished' })).key('a1', undefined, stage('sv1', 'a1'))),
      'forbidden',
    );
    assert.equal(
      await kindOf(withVideo(video({ status: 'taken_down' })).key('a1', undefined, stage('sv1', 'a1'))),
      'gone',
    );
  });
});

describe('a finished vod job', () => {
  const result: VodJobResult = {
    attemptPrefix: 'vod/a1/2-bb/',
    masterKey: 'vod/a1/2-bb/master.m3u8',
    durationS: 6,
    renditions: [],
    totalBytes: 10,
    ffmpegSeconds: 3,
  };

  it('makes the asset ready, deletes every object of other attempts (none of its own) and tells the webhooks', async () => {
    const deleted: string[] = [];
    const published: string[] = [];
    const webhooks: string[] = [];
    const hub = new MediaProgressHub();
    hub.subscribe('a1', (v) => published.push(v.state));
    const s = vodResults(
      { markReady: async () => asset(), renditions: async () => [] },
      {
        list: async () => [
          { key: 'vod/a1/1-aa/poster.jpg', size: 1 },
          { key: 'vod/a1/1-aa/720p/seg_00000.ts', size: 1 },
          { key: 'vod/a1/2-bb/master.m3u8', size: 1 },
        ],
        delete: async (k: string) => void deleted.push(k),
        publicUrl: (k: string) => `http://s3/${k}`,
      },
      hub,
      webhooks,
    );
    await s.completed('a1', result);
    assert.deepEqual(deleted.sort(), ['vod/a1/1-aa/720p/seg_00000.ts', 'vod/a1/1-aa/poster.jpg']);
    assert.deepEqual(published, ['ready']);
    assert.deepEqual(webhooks, ['asset.ready a1']);
  });

  it('removes what the attempt wrote when the asset was deleted meanwhile', async () => {
    const removed: string[] = [];
    const s = vodResults(
      { markReady: async () => null, findById: async () => null },
      { deletePrefix: async (p: string) => (removed.push(p), 3) },
    );
    await s.completed('a1', result);
    assert.deepEqual(removed, ['vod/a1/2-bb/']);
  });

  it('ignores a late result for an asset that is already settled', async () => {
    const s = vodResults({
      markReady: async () => null,
      findById: async () => asset({ state: 'failed', failureReason: 'x' }),
    });
    await s.completed('a1', result); // no storage call: the strict fake would throw
  });
});
