import { Inject, Injectable } from '@nestjs/common';
import { DomainError, normalizeEmail } from '#domain';
import { signJoinToken } from '#tokens';
import type { AuthUser } from '../auth/auth-user';
import type { ControlPlaneConfig } from '../config';
import { EventsService } from '../events/events.service';
import type { EventRecord } from '../events/event-record';
import { publicBaseUrl } from '../http/public-base-url';
import { CONFIG } from '../infrastructure/di-tokens';
import { RegistrationRecord, RegistrationsRepository } from './registrations.repository';

export interface JoinLink {
  registrantId: string;
  eventId: string;
  joinToken: string;
  /** The personal link the registrant opens to watch (the web UI reads the token from it). */
  joinUrl: string;
  alreadyRegistered: boolean;
}

@Injectable()
export class RegistrationsService {
  constructor(
    private readonly events: EventsService,
    private readonly registrations: RegistrationsRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async publicEvent(slug: string): Promise<EventRecord> {
    const event = await this.events.findBySlug(slug);
    if (!event) throw new DomainError('not_found', 'no event behind this link', 'slug');
    return event;
  }

  async register(slug: string, name: string, email: string): Promise<JoinLink> {
    const event = await this.publicEvent(slug);
    if (event.state === 'cancelled') throw new DomainError('conflict', 'this event was cancelled', 'slug');
    const { registration, created } = await this.registrations.upsert(event.id, name.trim(), normalizeEmail(email));
    return this.joinLink(event, registration, !created);
  }

  /** The organizer's (or account admin's) view of who registered. */
  async list(user: AuthUser, eventId: string): Promise<RegistrationRecord[]> {
    const event = await this.events.getFor(user, eventId);
    return this.registrations.listByEvent(event.id);
  }

  private joinLink(event: EventRecord, r: RegistrationRecord, alreadyRegistered: boolean): JoinLink {
    // Deterministic for a registration and the event's end, so registering twice hands out the same link.
    const joinToken = signJoinToken(
      { registrantId: r.id, eventId: event.id },
      event.endsAt,
      this.config.JOIN_TOKEN_SECRET,
    );
    return {
      registrantId: r.id,
      eventId: event.id,
      joinToken,
      joinUrl: `${publicBaseUrl(this.config)}/join/${encodeURIComponent(joinToken)}`,
      alreadyRegistered,
    };
  }
}
