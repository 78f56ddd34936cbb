import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#domain';
import { TOKEN_AUDIENCE, verifyPlaybackToken, verifyStagePlaybackToken } from '#tokens';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { RedisRateLimiter, tokenDigest } from '../http/redis-rate-limiter';
import { CONFIG } from '../infrastructure/di-tokens';
import { StageVideoAccessRepository } from '../stage/stage-video-access.repository';
import { MediaAssetsRepository } from './media-assets.repository';

/** The key server: the 16-byte AES-128 key of an asset, to players holding the right credential and to transcoders. */
@Injectable()
export class KeyServerService {
  constructor(
    private readonly assets: MediaAssetsRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
    private readonly limits: RedisRateLimiter,
    private readonly stageVideos: StageVideoAccessRepository,
  ) {}

  /**
   * The key of an asset for: its owner (or an administrator of its account) signed in, or a playback token scoped to
   * the asset or to the event the asset records, or a Stage playback token for the published Stage video of this asset.
   * 401 without a usable credential, 403 for a credential that is valid but not for this asset, 410 once the Stage
   * video is taken down, 429 past KEY_RATE_LIMIT requests with one playback token.
   */
  async key(assetId: string, user: AuthUser | undefined, bearer: string | undefined): Promise<Buffer> {
    const asset = await this.assets.findById(assetId);
    if (user) {
      if (!asset) throw new DomainError('not_found', `no asset ${assetId}`, 'assetId');
      if (asset.accountId !== user.accountId || (user.role !== 'admin' && asset.ownerId !== user.id)) {
        throw new DomainError('forbidden', 'this key belongs to another asset owner', 'assetId');
      }
    } else {
      if (!bearer) {
        throw new DomainError(
          'unauthenticated',
          'a playback token is required: send Authorization: Bearer <token> or ?token=',
          'token',
        );
      }
      await this.limits.enforce((wait) => `too many key requests with this playback token; try again in ${wait}`, {
        key: `key:${tokenDigest(bearer)}`,
        limit: this.config.KEY_RATE_LIMIT,
        windowMs: this.config.KEY_RATE_WINDOW,
      });
      if (isStageToken(bearer)) {
        await this.checkStageToken(bearer, asset?.id);
      } else {
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
    }
    if (!asset) throw new DomainError('not_found', `no asset ${assetId}`, 'assetId');
    const key = await this.assets.key(asset.id);
    if (!key) throw new DomainError('not_found', `no key for asset ${assetId}`, 'assetId');
    return key;
  }

  /**
   * A Stage playback token opens the asset of its video while the video stays published: a takedown or an
   * unpublication refuses the tokens already handed out at their next key request.
   */
  private async checkStageToken(bearer: string, assetId: string | undefined): Promise<void> {
    const check = verifyStagePlaybackToken(bearer, this.config.PLAYBACK_TOKEN_SECRET);
    if (!check.ok) {
      throw new DomainError('unauthenticated', `the Stage playback token is not valid (${check.reason})`, 'token');
    }
    const { videoId, assetId: tokenAsset } = check.claims;
    if (!assetId || tokenAsset !== assetId) {
      throw new DomainError('forbidden', 'the Stage playback token is for another video', 'token');
    }
    const video = await this.stageVideos.findById(videoId);
    if (!video || video.assetId !== assetId) {
      throw new DomainError('forbidden', 'the Stage playback token is for another video', 'token');
    }
    if (video.status === 'taken_down') {
      throw new DomainError('gone', 'this Stage video was taken down; its keys are no longer served', 'token');
    }
    if (video.status !== 'published' || video.visibility === 'account') {
      throw new DomainError('forbidden', 'this Stage video is not playable now', 'token');
    }
  }

  /** For transcoders (internal token): the key to encrypt with. */
  async keyForTranscoder(assetId: string): Promise<Buffer> {
    const key = await this.assets.key(assetId);
    if (!key) throw new DomainError('not_found', `no asset ${assetId}`, 'assetId');
    return key;
  }
}

/** Whether a token claims to be a Stage playback token (its signature is checked after, by verifyStagePlaybackToken). */
function isStageToken(token: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return (
      typeof payload === 'object' &&
      payload !== null &&
      (payload as { aud?: unknown }).aud === TOKEN_AUDIENCE['stage-playback']
    );
  } catch {
    return false;
  }
}
