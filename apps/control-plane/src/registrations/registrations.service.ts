import { Inject, Injectable } from '@nestjs/common';
import { DomainError, normalizeEmail, rateLimitedAddress } from '#domain';
import { MailLanguage, pickMailLanguage } from '#mail';
import { UsersRepository } from '../accounts/users.repository';
import type { AuthUser } from '../auth/auth-user';
import { ChatNames } from '../chat/chat-names';
import type { ControlPlaneConfig } from '../config';
import { EventsService } from '../events/events.service';
import type { EventRecord } from '../events/event-record';
import { csvTable } from '../http/csv-table';
import { CONFIG } from '../infrastructure/di-tokens';
import { MailQueue } from '../mail/mail-queue';
import { WebhookPublisher } from '../webhooks/webhook-publisher';
import { JoinLink, joinLinkOf } from './join-link';
import { CSV_IMPORT_MAX_ROWS, CsvProblem, parseRegistrantsCsv } from './registrants-csv';
import type { RegistrationListQuery } from './registration.dto';
import type { RegistrantPageView, RegistrantView } from './registration-views';
import { RegistrationRateLimiter } from './registration-rate-limiter';
import { RegistrationRecord, RegistrationsRepository } from './registrations.repository';

export interface RegistrantInput {
  name: string;
  email: string;
  language?: string;
}

/** What an organizer sees of a registrant they added: the link included. */
export interface RegistrantWithLink extends JoinLink {
  registration: RegistrationRecord;
  alreadyRegistered: boolean;
}

@Injectable()
export class RegistrationsService {
  constructor(
    private readonly events: EventsService,
    private readonly registrations: RegistrationsRepository,
    private readonly users: UsersRepository,
    private readonly limiter: RegistrationRateLimiter,
    private readonly mail: MailQueue,
    private readonly webhooks: WebhookPublisher,
    private readonly chatNames: ChatNames,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  /** The event behind a public link and its organizer's name, for the public event page. */
  async publicEventWithOrganizer(slug: string): Promise<{ event: EventRecord; organizerName: string | null }> {
    const event = await this.publicEvent(slug);
    const organizer = await this.users.findById(event.organizerId);
    return { event, organizerName: organizer?.name ?? null };
  }

  async publicEvent(slug: string): Promise<EventRecord> {
    const event = await this.events.findBySlug(slug);
    if (!event) throw new DomainError('not_found', 'no event behind this link', 'slug');
    return event;
  }

  /**
   * The public form. The join link travels by mail only, so the answer is the same for a new and a known address
   * (whoever types someone's address learns nothing and gets no seat); a known one gets its same link again.
   */
  async register(
    slug: string,
    input: RegistrantInput,
    client: { ip: string | undefined; acceptLanguage: string | undefined },
  ): Promise<{ status: 'check-your-inbox'; email: string }> {
    const email = normalizeEmail(input.email);
    await this.limiter.hit(email, rateLimitedAddress(client.ip));
    const event = await this.publicEvent(slug);
    assertOpen(event);
    const language = pickMailLanguage(input.language, client.acceptLanguage);
    const { registration, created } = await this.registrations.upsert(event.id, {
      name: input.name.trim(),
      email,
      language,
    });
    await this.chatNames.remember(event.id, registration.id, registration.name);
    // not awaited: how long the answer takes must not tell whether the address was new
    if (created) void this.registered(event, registration);
    await this.mail.sendConfirmation(registration.id);
    await this.mail.scheduleReminders([registration.id], event);
    return { status: 'check-your-inbox', email };
  }

  /** The organizer (or an administrator of the account) adds a registrant and sees their link. */
  async add(
    user: AuthUser,
    eventId: string,
    input: RegistrantInput & { sendInvitation?: boolean },
  ): Promise<RegistrantWithLink> {
    const event = await this.events.getFor(user, eventId);
    assertOpen(event);
    const [added] = await this.addAll(event, [input], input.sendInvitation ?? true);
    return added;
  }

  /** A CSV of registrants (name,email[,language]); bad rows are reported by line, the others imported. */
  async importCsv(
    user: AuthUser,
    eventId: string,
    csv: string,
    sendInvitations: boolean,
  ): Promise<{ imported: RegistrantWithLink[]; problems: CsvProblem[] }> {
    const event = await this.events.getFor(user, eventId);
    assertOpen(event);
    const { rows, problems } = parseRegistrantsCsv(csv);
    if (rows.length > CSV_IMPORT_MAX_ROWS) {
      throw new DomainError('invalid', `at most ${CSV_IMPORT_MAX_ROWS} registrants per import`, 'body');
    }
    return { imported: await this.addAll(event, rows, sendInvitations), problems };
  }

  /** One registrant of the caller's event, with their link. */
  async getWithLink(user: AuthUser, eventId: string, registrationId: string): Promise<RegistrantWithLink> {
    const event = await this.events.getFor(user, eventId);
    const registration = await this.registrations.findById(registrationId);
    if (!registration || registration.eventId !== event.id) {
      throw new DomainError('not_found', `no registrant with id ${registrationId} for this event`, 'registrationId');
    }
    return { registration, alreadyRegistered: true, ...joinLinkOf(this.config, event, registration.id) };
  }

  /** The organizer's (or account admin's) view of who registered. */
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
      joinUrl: joinLinkOf(this.config, event, r.id).joinUrl,
    };
  }

  /** The account's webhooks hear of each new registrant (never of their join link: that is a credential). */
  private registered(event: EventRecord, r: RegistrationRecord): Promise<void> {
    return this.webhooks.publishQuietly(event.accountId, 'registration.created', r.id, {
      registrationId: r.id,
      eventId: event.id,
      name: r.name,
      email: r.email,
      language: r.language,
      createdAt: r.createdAt.toISOString(),
    });
  }

  private async addAll(event: EventRecord, inputs: RegistrantInput[], notify: boolean): Promise<RegistrantWithLink[]> {
    const out: RegistrantWithLink[] = [];
    for (const input of inputs) {
      const language: MailLanguage = pickMailLanguage(input.language, undefined);
      const { registration, created } = await this.registrations.upsert(event.id, {
        name: input.name.trim(),
        email: normalizeEmail(input.email),
        language,
      });
      await this.chatNames.remember(event.id, registration.id, registration.name);
      if (created) await this.registered(event, registration);
      if (notify) await this.mail.sendConfirmation(registration.id);
      out.push({ registration, alreadyRegistered: !created, ...joinLinkOf(this.config, event, registration.id) });
    }
    await this.mail.scheduleReminders(
      out.map((r) => r.registration.id),
      event,
    );
    return out;
  }
}

function assertOpen(event: EventRecord): void {
  if (event.state === 'cancelled') throw new DomainError('conflict', 'this event was cancelled', 'slug');
}
