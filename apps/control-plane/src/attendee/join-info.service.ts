import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#domain';
import type { ObjectStorage } from '#storage';
import { verifyJoinToken } from '#tokens';
import type { ControlPlaneConfig } from '../config';
import { EventsService } from '../events/events.service';
import { CONFIG } from '../infrastructure/di-tokens';
import { LiveService } from '../live/live.service';
import { MediaAssetsRepository } from '../media/media-assets.repository';
import { MEDIA_STORAGE } from '../media/media-storage';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import { EventAssetsRepository } from '../events/event-assets.repository';
import { JoinPlayback, choosePlayback } from './join-playback';

export interface JoinInfo {
  eventId: string;
  title: string;
  description: string;
  state: string;
  mode: string;
  startsAt: string;
  endsAt: string;
  actualStartAt: string | null;
  endedAt: string | null;
  registrantName: string;
  admissionUrls: string[];
  playback: JoinPlayback;
  /** Simulive: the shared broadcast (null otherwise). The page puts every attendee at the same moment of the video. */
  simulive: SimuliveBroadcast | null;
  /** The server's clock when it answered, so a page with a wrong clock still finds the broadcast position. */
  serverTime: string;
}

export interface SimuliveBroadcast {
  /** When the broadcast opened: position 0 of the video. */
  startedAt: string;
  durationS: number;
}

/** What the attendee page needs behind a join link. The token is checked here too, so a bad link fails before any socket. */
@Injectable()
export class JoinInfoService {
  constructor(
    private readonly events: EventsService,
    private readonly registrations: RegistrationsRepository,
    private readonly live: LiveService,
    private readonly assets: MediaAssetsRepository,
    private readonly eventAssets: EventAssetsRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async forToken(token: string): Promise<JoinInfo> {
    const check = verifyJoinToken(token, this.config.JOIN_TOKEN_SECRET);
    if (!check.ok) {
      // an expired link, or a token of ours of another kind (an access or playback token), is a credential that does
      // not admit here (401); anything else is a link that was never ours (400)
      const refused = /expired|^not a join token$/.test(check.reason);
      throw new DomainError(
        refused ? 'unauthenticated' : 'invalid',
        `this join link is not valid: ${check.reason}`,
        'token',
      );
    }
    const { eventId, registrantId } = check.claims;
    const event = await this.events.getById(eventId).catch((e) => {
      if (e instanceof DomainError && e.kind === 'not_found') {
        throw new DomainError('not_found', 'the event of this join link no longer exists', 'token');
      }
      throw e;
    });
    const registration = await this.registrations.findById(registrantId);
    if (!registration || registration.eventId !== event.id) {
      throw new DomainError('not_found', 'the registration behind this join link no longer exists', 'token');
    }
    const video = event.mode === 'on-demand' ? await this.eventAssets.newestReadyAsset(event.id) : null;
    return {
      eventId: event.id,
      title: event.title,
      description: event.description,
      state: event.state,
      mode: event.mode,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      actualStartAt: event.actualStartAt?.toISOString() ?? null,
      endedAt: event.endedAt?.toISOString() ?? null,
      registrantName: registration.name,
      admissionUrls: this.config.ADMISSION_PUBLIC_URLS,
      playback: choosePlayback(
        event.mode,
        event.state,
        event.mode === 'live' ? await this.live.playbackOf(event.id) : null,
        await this.masterUrlOf(video?.id ?? null),
      ),
      simulive:
        event.playAsLive && event.state === 'live' && event.actualStartAt && video
          ? { startedAt: event.actualStartAt.toISOString(), durationS: video.durationS }
          : null,
      serverTime: new Date().toISOString(),
    };
  }

  private async masterUrlOf(assetId: string | null): Promise<string | null> {
    const asset = assetId ? await this.assets.findById(assetId) : null;
    return asset?.masterKey ? this.storage.publicUrl(asset.masterKey) : null;
  }
}
