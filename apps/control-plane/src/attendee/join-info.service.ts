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
        await this.onDemandMasterUrl(event.id, event.mode),
      ),
    };
  }

  private async onDemandMasterUrl(eventId: string, mode: string): Promise<string | null> {
    if (mode !== 'on-demand') return null;
    const id = await this.eventAssets.newestReadyAssetId(eventId);
    const asset = id ? await this.assets.findById(id) : null;
    return asset?.masterKey ? this.storage.publicUrl(asset.masterKey) : null;
  }
}
