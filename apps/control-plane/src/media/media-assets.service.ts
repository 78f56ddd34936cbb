import { HttpException, HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainError } from '#domain';
import { newHlsKey } from '#media';
import { VodJobResult } from '#contracts';
import { ObjectStorage } from '#storage';
import { signPlaybackToken, verifyPlaybackToken, PLAYBACK_TOKEN_TTL_S } from '#tokens';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { publicBaseUrl } from '../http/public-base-url';
import { CONFIG } from '../infrastructure/di-tokens';
import { MediaAssetRecord } from './media-asset-record';
import { MediaAssetView, toMediaAssetView } from './media-asset-view';
import { MediaAssetsRepository } from './media-assets.repository';
import { MediaProgressHub } from './media-progress-hub';
import { MEDIA_STORAGE, PUBLIC_MEDIA_PREFIX } from './media-storage';
import { VodJobListener, VodQueue } from './vod-queue';

const PRESIGNED_UPLOAD_S = 3600;

@Injectable()
export class MediaService implements OnApplicationBootstrap, VodJobListener {
  private readonly logger = new Logger('media');

  constructor(
    private readonly assets: MediaAssetsRepository,
    private readonly queue: VodQueue,
    private readonly hub: MediaProgressHub,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  private bucketReady?: Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    // Storage being down must not stop the rest of the control plane: the bucket is ensured before each upload.
    void this.ensureBucket().catch((e: Error) =>
      this.logger.warn({ msg: 'object storage not reachable yet', error: e.message }),
    );
    this.queue.listen(this);
    // events published while no control plane listened are not replayed: ask the queue instead
    for (const a of await this.assets.listUnfinished()) await this.reconcile(a).catch(() => undefined);
  }

  private ensureBucket(): Promise<void> {
    return (this.bucketReady ??= this.storage.ensureBucket(PUBLIC_MEDIA_PREFIX).catch((e) => {
      this.bucketReady = undefined;
      throw e;
    }));
  }

  // ---- organizer API ----

  async create(user: AuthUser, title: string, eventId?: string) {
    if (eventId && !(await this.assets.eventInAccount(eventId, user.accountId))) {
      throw new DomainError('not_found', `no event with id ${eventId} in this account`, 'eventId');
    }
    const asset = await this.assets.create({
      id: randomUUID(),
      accountId: user.accountId,
      ownerId: user.id,
      title,
      eventId: eventId ?? null,
      key: newHlsKey(),
    });
    return { ...(await this.view(asset)), upload: await this.uploadTarget(asset) };
  }

  private async uploadTarget(asset: MediaAssetRecord) {
    return {
      /** Stream the file here with PUT (Content-Length required) ... */
      apiUrl: `/api/media/assets/${asset.id}/source`,
      /** ... or PUT it straight to object storage, then POST /api/media/assets/:id/uploaded. */
      presignedUrl: await this.storage.presignedPut(asset.sourceKey, PRESIGNED_UPLOAD_S),
      maxBytes: this.config.UPLOAD_MAX_BYTES,
    };
  }

  async get(user: AuthUser, id: string): Promise<MediaAssetView> {
    return this.view(await this.reconcile(await this.mine(user, id)));
  }

  async list(user: AuthUser): Promise<MediaAssetView[]> {
    const rows = await this.assets.listByAccount(user.accountId, user.role === 'admin' ? undefined : user.id);
    return Promise.all(rows.map((a) => this.view(a)));
  }

  /** Streams the request body into storage (one PUT, never held in memory), then queues the transcode. */
  async uploadSource(
    user: AuthUser,
    id: string,
    body: Readable,
    contentLength: string | undefined,
  ): Promise<MediaAssetView> {
    const asset = await this.mine(user, id);
    this.assertAcceptsSource(asset);
    if (contentLength === undefined || !/^\d+$/.test(contentLength)) {
      throw new HttpException(
        'send the file with a Content-Length header (chunked uploads are not accepted)',
        HttpStatus.LENGTH_REQUIRED,
      );
    }
    const size = Number(contentLength);
    this.assertSize(size);
    if (size === 0) throw new DomainError('invalid', 'the file is empty', 'body');
    await this.ensureBucket();
    await this.storage.putStream(asset.sourceKey, body, size);
    return this.enqueue(asset, size);
  }

  /** After a presigned PUT: check what arrived, then queue the transcode. */
  async confirmUpload(user: AuthUser, id: string): Promise<MediaAssetView> {
    const asset = await this.mine(user, id);
    this.assertAcceptsSource(asset);
    const stat = await this.storage.client.statObject(this.storage.bucket, asset.sourceKey).catch(() => null);
    if (!stat) throw new DomainError('invalid', 'nothing was uploaded to the presigned URL yet', 'upload');
    if (stat.size > this.config.UPLOAD_MAX_BYTES) {
      await this.storage.delete(asset.sourceKey);
      this.assertSize(stat.size);
    }
    return this.enqueue(asset, stat.size);
  }

  private assertAcceptsSource(asset: MediaAssetRecord): void {
    if (asset.state !== 'uploading' && asset.state !== 'failed') {
      throw new DomainError(
        'conflict',
        `the asset is ${asset.state}; a source can be uploaded only before processing or after a failure`,
        'state',
      );
    }
  }

  private assertSize(size: number): void {
    if (size > this.config.UPLOAD_MAX_BYTES) {
      throw new HttpException(
        `the file is ${size} bytes; the limit is ${this.config.UPLOAD_MAX_BYTES} bytes (UPLOAD_MAX_BYTES)`,
        HttpStatus.PAYLOAD_TOO_LARGE,
      );
    }
  }

  private async enqueue(asset: MediaAssetRecord, size: number): Promise<MediaAssetView> {
    const queued = await this.assets.markQueued(asset.id, size);
    if (!queued) throw new DomainError('conflict', 'the asset changed state during the upload', 'state');
    await this.queue.enqueue({
      assetId: asset.id,
      sourceKey: asset.sourceKey,
      outputPrefix: asset.outputPrefix,
      keyUri: `${publicBaseUrl(this.config)}/api/keys/${asset.id}`,
    });
    return this.publish(queued);
  }

  /** Removes the asset, its queued job, its key and every object it has (source and all attempts). */
  async delete(user: AuthUser, id: string): Promise<void> {
    const asset = await this.mine(user, id);
    await this.queue.cancel(asset.id);
    await this.assets.delete(asset.id);
    await this.storage.deletePrefix(asset.outputPrefix);
    await this.storage.delete(asset.sourceKey).catch(() => undefined);
  }

  /** A short-lived playback token for this asset (Stage-style: the caller watches it). */
  async playback(user: AuthUser, id: string) {
    const asset = await this.mine(user, id);
    if (asset.state !== 'ready') {
      throw new DomainError('conflict', `the asset is ${asset.state}, not ready to play`, 'state');
    }
    const token = signPlaybackToken(
      { viewer: user.id, scope: { kind: 'asset', id: asset.id } },
      this.config.PLAYBACK_TOKEN_SECRET,
    );
    const masterUrl = this.storage.publicUrl(asset.masterKey!);
    return {
      token,
      expiresIn: PLAYBACK_TOKEN_TTL_S,
      masterUrl,
      keyUrl: `${publicBaseUrl(this.config)}/api/keys/${asset.id}`,
      playerUrl: `/player/${asset.id}#token=${encodeURIComponent(token)}&src=${encodeURIComponent(masterUrl)}`,
    };
  }

  // ---- key server ----

  /**
   * The 16-byte AES key of an asset for: its owner (or an administrator of its account) signed in, or a playback
   * token scoped to the asset or to the event the asset records. 401 without a usable credential, 403 for a
   * credential that is valid but not for this asset.
   */
  async key(assetId: string, user: AuthUser | undefined, bearer: string | undefined): Promise<Buffer> {
    const asset = await this.assets.findById(assetId);
    if (user) {
      if (!asset) throw new DomainError('not_found', `no asset ${assetId}`, 'asset');
      if (asset.accountId !== user.accountId || (user.role !== 'admin' && asset.ownerId !== user.id)) {
        throw new DomainError('forbidden', 'this key belongs to another asset owner', 'asset');
      }
    } else {
      if (!bearer) {
        throw new DomainError(
          'unauthenticated',
          'a playback token is required: send Authorization: Bearer <token> or ?token=',
          'token',
        );
      }
      const check = verifyPlaybackToken(bearer, this.config.PLAYBACK_TOKEN_SECRET);
      if (!check.ok) {
        throw new DomainError('unauthenticated', `the playback token is not valid (${check.reason})`, 'token');
      }
      const { scope } = check.claims;
      const allowed =
        asset &&
        ((scope.kind === 'asset' && scope.id === asset.id) || (scope.kind === 'event' && asset.eventId === scope.id));
      if (!allowed) throw new DomainError('forbidden', 'the playback token is for another asset or event', 'token');
    }
    if (!asset) throw new DomainError('not_found', `no asset ${assetId}`, 'asset');
    const key = await this.assets.key(asset.id);
    if (!key) throw new DomainError('not_found', `no key for asset ${assetId}`, 'asset');
    return key;
  }

  /** For transcoders (internal token): the key to encrypt with. */
  async keyForTranscoder(assetId: string): Promise<Buffer> {
    const key = await this.assets.key(assetId);
    if (!key) throw new DomainError('not_found', `no asset ${assetId}`, 'asset');
    return key;
  }

  // ---- progress (push channel) ----

  async watch(
    user: AuthUser,
    id: string,
    onChange: (v: MediaAssetView) => void,
  ): Promise<{ current: MediaAssetView; stop: () => void }> {
    const asset = await this.mine(user, id);
    const stop = this.hub.subscribe(asset.id, onChange);
    return { current: await this.view(await this.reconcile(asset)), stop };
  }

  // ---- vod queue events ----

  async progress(assetId: string, percent: number): Promise<void> {
    const a = await this.assets.setProgress(assetId, percent);
    if (a) await this.publish(a);
  }

  async completed(assetId: string, result: VodJobResult): Promise<void> {
    const a = await this.assets.markReady(assetId, result);
    if (!a) {
      // deleted while transcoding: the attempt's objects have no owner left
      if (!(await this.assets.findById(assetId))) {
        await this.storage.deletePrefix(result.attemptPrefix).catch(() => undefined);
      }
      return;
    }
    await this.sweepOtherAttempts(a);
    await this.publish(a);
  }

  async failed(assetId: string, reason: string): Promise<void> {
    const a = await this.assets.markFailed(assetId, reason);
    if (a) await this.publish(a);
  }

  /** Objects of attempts other than the one the asset points at (a killed worker's, say) are deleted. */
  private async sweepOtherAttempts(a: MediaAssetRecord): Promise<void> {
    const stale = (await this.storage.list(a.outputPrefix)).filter((o) => !o.key.startsWith(a.attemptPrefix!));
    for (const o of stale) await this.storage.delete(o.key).catch(() => undefined);
    if (stale.length) {
      this.logger.log({ msg: 'swept objects of interrupted attempts', assetId: a.id, objects: stale.length });
    }
  }

  private async reconcile(a: MediaAssetRecord): Promise<MediaAssetRecord> {
    if (a.state !== 'queued' && a.state !== 'processing') return a;
    const job = await this.queue.jobOf(a.id);
    if (job.state === 'completed' && job.result) await this.completed(a.id, job.result);
    else if (job.state === 'failed') await this.failed(a.id, job.reason ?? 'unknown error');
    // (a job is added right after the asset turns queued: give that moment a wide margin)
    else if (job.state === 'missing' && Date.now() - a.updatedAt.getTime() > 60_000) {
      await this.failed(a.id, 'The transcoding job was lost; upload the file again.');
    } else return a;
    return (await this.assets.findById(a.id)) ?? a;
  }

  private async publish(a: MediaAssetRecord): Promise<MediaAssetView> {
    const v = await this.view(a);
    this.hub.publish(v);
    return v;
  }

  private async view(a: MediaAssetRecord): Promise<MediaAssetView> {
    return toMediaAssetView(a, a.state === 'ready' ? await this.assets.renditions(a.id) : [], this.storage);
  }

  /** An asset the caller may manage: organizers their own, administrators any of their account. */
  private async mine(user: AuthUser, id: string): Promise<MediaAssetRecord> {
    const a = await this.assets.findById(id);
    if (!a || a.accountId !== user.accountId) throw new DomainError('not_found', `no media asset with id ${id}`, 'id');
    if (user.role !== 'admin' && a.ownerId !== user.id) {
      throw new DomainError('forbidden', 'this media asset belongs to another organizer', 'id');
    }
    return a;
  }
}
