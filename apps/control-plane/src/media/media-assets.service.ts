import { HttpException, HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainError, assertAcceptsSource, assertPlayable } from '#domain';
import { newHlsKey } from '#media';
import { ObjectStorage } from '#storage';
import { signPlaybackToken, PLAYBACK_TOKEN_TTL_S } from '#tokens';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { publicBaseUrl } from '../http/public-base-url';
import { CONFIG } from '../infrastructure/di-tokens';
import { MediaAssetRecord } from './media-asset-record';
import { MediaAssetView } from './media-asset-view';
import { MediaAssetViews } from './media-asset-views';
import { MediaAssetsRepository } from './media-assets.repository';
import { MediaProgressHub } from './media-progress-hub';
import { MEDIA_STORAGE, PUBLIC_MEDIA_PREFIX } from './media-storage';
import { VodJobs } from './vod-jobs';
import { VodQueue } from './vod-queue';
import { VodResultsService } from './vod-results.service';

const PRESIGNED_UPLOAD_S = 3600;

/** The organizer's media assets: create, upload a source, watch it transcode, play, delete. */
@Injectable()
export class MediaAssetsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('media');

  constructor(
    private readonly assets: MediaAssetsRepository,
    private readonly queue: VodQueue,
    private readonly results: VodResultsService,
    private readonly views: MediaAssetViews,
    private readonly hub: MediaProgressHub,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
    private readonly jobs: VodJobs,
  ) {}

  private bucketReady?: Promise<void>;

  onApplicationBootstrap(): void {
    // Storage being down must not stop the rest of the control plane: the bucket is ensured before each upload.
    void this.ensureBucket().catch((e: Error) =>
      this.logger.warn({ msg: 'object storage not reachable yet', error: e.message }),
    );
  }

  private ensureBucket(): Promise<void> {
    return (this.bucketReady ??= this.storage.ensureBucket(PUBLIC_MEDIA_PREFIX).catch((e) => {
      this.bucketReady = undefined;
      throw e;
    }));
  }

  async create(user: AuthUser, title: string, eventId?: string) {
    if (eventId) await this.assertEventInAccount(user, eventId);
    const asset = await this.assets.create({
      id: randomUUID(),
      accountId: user.accountId,
      ownerId: user.id,
      title,
      eventId: eventId ?? null,
      key: newHlsKey(),
    });
    return { ...(await this.views.view(asset)), upload: await this.uploadTarget(asset) };
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
    return this.views.view(await this.results.reconcile(await this.mine(user, id)));
  }

  async list(user: AuthUser): Promise<MediaAssetView[]> {
    const rows = await this.assets.listByAccount(user.accountId, user.role === 'admin' ? undefined : user.id);
    return Promise.all(rows.map((a) => this.views.view(a)));
  }

  /** Streams the request body into storage (one PUT, never held in memory), then queues the transcode. */
  async uploadSource(
    user: AuthUser,
    id: string,
    body: Readable,
    contentLength: string | undefined,
  ): Promise<MediaAssetView> {
    const asset = await this.mine(user, id);
    assertAcceptsSource(asset.state);
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
    assertAcceptsSource(asset.state);
    const size = await this.storage.sizeOf(asset.sourceKey);
    if (size === null) throw new DomainError('invalid', 'nothing was uploaded to the presigned URL yet', 'upload');
    if (size > this.config.UPLOAD_MAX_BYTES) {
      await this.storage.delete(asset.sourceKey);
      this.assertSize(size);
    }
    return this.enqueue(asset, size);
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
    await this.jobs.enqueue(queued);
    return this.views.publish(queued);
  }

  /** Makes the asset the video of an event of the account (the newest ready one is what its viewers see), or none. */
  async attach(user: AuthUser, id: string, eventId: string | null): Promise<MediaAssetView> {
    const asset = await this.mine(user, id);
    if (eventId !== null) await this.assertEventInAccount(user, eventId);
    const changed = await this.assets.setEvent(asset.id, eventId);
    if (!changed) throw new DomainError('not_found', `no media asset with id ${id}`, 'id');
    return this.views.publish(changed);
  }

  private async assertEventInAccount(user: AuthUser, eventId: string): Promise<void> {
    if (!(await this.assets.eventInAccount(eventId, user.accountId))) {
      throw new DomainError('not_found', `no event with id ${eventId} in this account`, 'eventId');
    }
  }

  /** Removes the asset, its queued job, its key and every object it has (source and all attempts). */
  async delete(user: AuthUser, id: string): Promise<void> {
    await this.remove(await this.mine(user, id));
  }

  /** Deletion without the caller's check, for a part that checked already (Stage deleting its video's asset). */
  async remove(asset: MediaAssetRecord): Promise<void> {
    await this.queue.cancel(asset.id);
    await this.assets.delete(asset.id);
    await this.storage.deletePrefix(asset.outputPrefix);
    // the asset is gone already: a source left behind is only wasted space
    await this.storage.delete(asset.sourceKey).catch((e: Error) =>
      this.logger.warn({
        msg: 'could not delete the source of a deleted asset',
        assetId: asset.id,
        error: e.message,
      }),
    );
  }

  /** A short-lived playback token for this asset (Stage-style: the caller watches it). */
  async playback(user: AuthUser, id: string) {
    const asset = await this.mine(user, id);
    assertPlayable(asset.state);
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
      // the web app's player page (apps/web/src/pages/player); a URL fragment is never sent to a server
      playerUrl: `/player/${asset.id}#token=${encodeURIComponent(token)}&src=${encodeURIComponent(masterUrl)}`,
    };
  }

  /** The push channel: the current view now, then every change until stop(). */
  async watch(
    user: AuthUser,
    id: string,
    onChange: (v: MediaAssetView) => void,
  ): Promise<{ current: MediaAssetView; stop: () => void }> {
    const asset = await this.mine(user, id);
    const stop = this.hub.subscribe(asset.id, onChange);
    return { current: await this.views.view(await this.results.reconcile(asset)), stop };
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
