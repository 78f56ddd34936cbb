import { Inject, Injectable } from '@nestjs/common';
import { DomainError, normalizeEmail } from '#domain';
import { signJoinToken } from '#tokens';
import type { AuthUser } from '../auth/auth-user';
import type { ControlPlaneConfig } from '../config';
import { EventsService } from '../events/events.service';
import type { EventRecord } from '../events/event-record';
import { publicBaseUrl } from '../http/public-base-url';
import { CONFIG } from '../infrastructure/di-tokens';
import { csvTable } from '../http/csv-table';
import type { RegistrationListQuery } from './registration.dto';
import type { JoinLinkView, RegistrantPageView, RegistrantView } from './registration-views';
import { RegistrationRecord, RegistrationsRepository } from './registrations.repository';

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

  async register(slug: string, name: string, email: string): Promise<JoinLinkView> {
    const event = await this.publicEvent(slug);
    if (event.state === 'cancelled') throw new DomainError('conflict', 'this event was cancelled', 'slug');
    const { registration, created } = await this.registrations.upsert(event.id, name.trim(), normalizeEmail(email));
    return this.joinLink(event, registration, !created);
  }

  /** The organizer's (or account admin's) view of who registered, a page at a time. */
  async page(user: AuthUser, eventId: string, query: RegistrationListQuery): Promise<RegistrantPageView> {
    const event = await this.events.getFor(user, eventId);
    const { total, rows } = await this.registrations.search(
      event.id,
      query.q ? query.q : null,
      query.offset ?? 0,
      query.limit ?? 50,
    );
    return { total, items: rows.map((r) => this.registrant(event, r)) };
  }

  /** Every registrant of the event as CSV. */
  async csv(user: AuthUser, eventId: string): Promise<string> {
    const event = await this.events.getFor(user, eventId);
    const rows = (await this.registrations.listByEvent(event.id)).map((r) => this.registrant(event, r));
    return csvTable([
      ['registrant_id', 'name', 'email', 'registered_at', 'join_url'],
      ...rows.map((r) => [r.id, r.name, r.email, r.createdAt, r.joinUrl]),
    ]);
  }

  private registrant(event: EventRecord, r: RegistrationRecord): RegistrantView {
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      createdAt: r.createdAt.toISOString(),
      joinUrl: this.joinLink(event, r, true).joinUrl,
    };
  }

  private joinLink(event: EventRecord, r: RegistrationRecord, alreadyRegistered: boolean): JoinLinkView {
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
