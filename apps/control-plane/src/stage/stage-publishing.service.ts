import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, rateLimitedAddress } from '#domain';
import type { ObjectStorage } from '#storage';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { GoneError } from '../http/gone-error';
import { RedisRateLimiter } from '../http/redis-rate-limiter';
import { CONFIG } from '../infrastructure/di-tokens';
import { MediaAssetsRepository } from '../media/media-assets.repository';
import { MediaAssetsService } from '../media/media-assets.service';
import { MEDIA_STORAGE } from '../media/media-storage';
import {
  PublicStageChannelView,
  PublicStageVideoView,
  PublishStageVideoDto,
  StageChannelQuery,
  StageVideoDeletedView,
  StageVideoView,
  UpdateStageVideoDto,
} from './stage-publishing.dto';
import { StageChannelRecord, StagePublishingRepository, StageVideoRecord } from './stage-publishing.repository';

/**
 * Organizers and administrators publish their account's ready media assets to its Stage channel; anyone reads what
 * is published publicly. Nothing here looks at the account's orders: the archive stays after an order expires.
 */
@Injectable()
export class StagePublishingService {
  constructor(
    private readonly videos: StagePublishingRepository,
    private readonly assets: MediaAssetsRepository,
    private readonly media: MediaAssetsService,
    private readonly limits: RedisRateLimiter,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async publish(user: AuthUser, dto: PublishStageVideoDto): Promise<StageVideoView> {
    const asset = await this.assets.findById(dto.assetId);
    if (!asset || asset.accountId !== user.accountId) {
      throw new DomainError('not_found', `no media asset with id ${dto.assetId} in this account`, 'assetId');
    }
    if (user.role !== 'admin' && asset.ownerId !== user.id) {
      throw new DomainError('forbidden', 'this media asset belongs to another organizer', 'assetId');
    }
    if (asset.state !== 'ready') {
      throw new DomainError(
        'conflict',
        `the media asset is ${asset.state}; only a ready asset (transcoded) can be published`,
        'assetId',
      );
    }
    const channel = await this.videos.channelOfAccount(user.accountId, randomUUID());
    const video = await this.videos.publish({
      id: randomUUID(),
      channelId: channel.id,
      assetId: asset.id,
      fields: {
        title: dto.title,
        description: dto.description ?? '',
        tags: dto.tags ?? [],
        language: dto.language,
        visibility: dto.visibility ?? 'public',
      },
      durationSeconds: asset.durationS,
      posterKey: asset.posterKey,
    });
    if (!video) throw new DomainError('conflict', 'this media asset is on Stage already', 'assetId');
    return this.view(video);
  }

  async list(user: AuthUser): Promise<StageVideoView[]> {
    return (await this.videos.videosOfAccount(user.accountId)).map((v) => this.view(v));
  }

  async get(user: AuthUser, id: string): Promise<StageVideoView> {
    return this.view(await this.ours(user, id));
  }

  async update(user: AuthUser, id: string, dto: UpdateStageVideoDto): Promise<StageVideoView> {
    const v = await this.mine(user, id);
    const changed = await this.videos.update(v.id, {
      title: dto.title ?? v.title,
      description: dto.description ?? v.description,
      tags: dto.tags ?? v.tags,
      language: dto.language ?? v.language,
      visibility: dto.visibility ?? v.visibility,
    });
    return this.view(changed ?? this.missing(id));
  }

  async setPublished(user: AuthUser, id: string, published: boolean): Promise<StageVideoView> {
    const v = await this.mine(user, id);
    // asking again for the state it is in changes nothing and is no error
    const changed = await this.videos.setStatus(v.id, published ? 'published' : 'unpublished', [
      'published',
      'unpublished',
    ]);
    if (!changed) {
      throw new DomainError(
        'conflict',
        `the video is ${v.status === 'taken_down' ? 'taken down' : v.status} by moderation; only moderation can lift that`,
        'status',
      );
    }
    return this.view(changed);
  }

  /**
   * Deletes the video and, when no webcast plays its media asset, the asset and every object it has in storage
   * (source, renditions, playlists, segments, poster): the Stage archive keeps nothing its owner deleted. An asset
   * that is a webcast's on-demand video or live recording stays, whole, for that webcast; the answer says so, and
   * deleting it from the media page removes it for good.
   */
  async delete(user: AuthUser, id: string): Promise<StageVideoDeletedView> {
    const v = await this.mine(user, id);
    const asset = v.assetId ? await this.assets.findById(v.assetId) : null;
    if (asset && (await this.videos.assetUsedByWebcast(asset.id))) {
      await this.videos.delete(v.id);
      return {
        id: v.id,
        assetDeleted: false,
        assetKeptBecause: 'a webcast plays this media asset; it stays for the webcast',
      };
    }
    // the asset's row cascades to the video's; the video is deleted first all the same, so a failure in storage
    // never leaves a published video whose segments are half gone
    await this.videos.delete(v.id);
    if (asset) await this.media.remove(asset);
    return { id: v.id, assetDeleted: asset !== null, assetKeptBecause: null };
  }

  /** A channel's public page: its public published videos, newest first. */
  async publicChannel(id: string, query: StageChannelQuery, ip: string | undefined): Promise<PublicStageChannelView> {
    await this.limitPublicRead(ip);
    const channel = await this.videos.channel(id);
    if (!channel) throw new DomainError('not_found', `no Stage channel with id ${id}`, 'id');
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const page = await this.videos.listedVideos(channel.id, limit, offset);
    return {
      ...summary(channel),
      total: page.total,
      offset,
      limit,
      videos: page.items.map((v) => this.publicView(v, channel)),
    };
  }

  /**
   * A video anyone with its link may read: published and public or unlisted. A restricted video (moderation keeps it
   * out of the channel page, search and recommendations) is still readable by its link; an unpublished or
   * account-only one is unknown to the public (404); a taken-down one is gone (410, reason "removed").
   */
  async publicVideo(id: string, ip: string | undefined): Promise<PublicStageVideoView> {
    await this.limitPublicRead(ip);
    const v = await this.videos.video(id);
    if (v?.status === 'taken_down') throw new GoneError('this video was removed from Stage', 'removed');
    const readable = v && v.visibility !== 'account' && (v.status === 'published' || v.status === 'restricted');
    if (!readable) this.missing(id);
    const channel = await this.videos.channel(v.channelId);
    return this.publicView(v, channel ?? this.missing(id));
  }

  private async limitPublicRead(ip: string | undefined): Promise<void> {
    await this.limits.enforce((wait) => `too many requests from your network; try again in ${wait}`, {
      key: `stage-public:${rateLimitedAddress(ip)}`,
      limit: this.config.STAGE_PUBLIC_RATE_LIMIT,
      windowMs: this.config.STAGE_PUBLIC_RATE_WINDOW,
    });
  }

  /** A video of the caller's account; another account's is unknown. */
  private async ours(user: AuthUser, id: string): Promise<StageVideoRecord> {
    return (await this.videos.videoOfAccount(user.accountId, id)) ?? this.missing(id);
  }

  /**
   * A video the caller may change, as with media assets: organizers those of their own assets, administrators any of
   * the account (a video without an asset has no owner but the administrators).
   */
  private async mine(user: AuthUser, id: string): Promise<StageVideoRecord> {
    const v = await this.ours(user, id);
    if (user.role !== 'admin' && v.ownerId !== user.id) {
      throw new DomainError('forbidden', "this Stage video is another organizer's; ask them or an administrator", 'id');
    }
    return v;
  }

  private missing(id: string): never {
    throw new DomainError('not_found', `no Stage video with id ${id}`, 'id');
  }

  private posterUrl(v: StageVideoRecord): string | null {
    return v.posterKey ? this.storage.publicUrl(v.posterKey) : null;
  }

  private view(v: StageVideoRecord): StageVideoView {
    return {
      id: v.id,
      channelId: v.channelId,
      assetId: v.assetId,
      title: v.title,
      description: v.description,
      tags: v.tags,
      language: v.language,
      visibility: v.visibility,
      status: v.status,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      durationSeconds: v.durationSeconds,
      posterUrl: this.posterUrl(v),
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
    };
  }

  private publicView(v: StageVideoRecord, channel: StageChannelRecord): PublicStageVideoView {
    return {
      id: v.id,
      title: v.title,
      description: v.description,
      tags: v.tags,
      language: v.language,
      channel: summary(channel),
      durationSeconds: v.durationSeconds,
      posterUrl: this.posterUrl(v),
      // published and restricted videos were published once, so the date is set (a CHECK of stage_videos)
      publishedAt: (v.publishedAt ?? v.createdAt).toISOString(),
    };
  }
}

const summary = (c: StageChannelRecord) => ({ id: c.id, name: c.name, description: c.description });
