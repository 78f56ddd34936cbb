import { Inject, Injectable } from '@nestjs/common';
import {
  MailMessage,
  RegistrantMailContext,
  confirmationMail,
  eventCancelledMail,
  eventChangedMail,
  parseMailbox,
  reminderMail,
} from '#mail';
import type { ControlPlaneConfig } from '../config';
import type { EventRecord } from '../events/event-record';
import { EventsRepository } from '../events/events.repository';
import { CONFIG } from '../infrastructure/di-tokens';
import { joinLinkOf } from '../registrations/join-link';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import type { RegistrantMailJob } from './mail-jobs';

export type Composed = { send: MailMessage } | { skip: string };

/** Turns a per-registrant mail job into the mail, from the registration and the event as they are now. */
@Injectable()
export class RegistrantMailComposer {
  constructor(
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async compose(job: RegistrantMailJob, now = new Date()): Promise<Composed> {
    const registration = await this.registrations.findById(job.registrationId);
    if (!registration) return { skip: 'the registration is gone' };
    const event = await this.events.findById(registration.eventId);
    if (!event) return { skip: 'the event is gone' };
    const from = parseMailbox(this.config.MAIL_FROM);
    const ctx: RegistrantMailContext = {
      language: registration.language,
      registrant: { name: registration.name, email: registration.email },
      event: {
        id: event.id,
        title: event.title,
        description: event.description,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        timeZone: event.timeZone,
        version: event.version,
      },
      joinUrl: joinLinkOf(this.config, event, registration.id).joinUrl,
      from,
      now,
      uidDomain: from.address.split('@')[1] ?? 'webcast.invalid',
    };
    switch (job.kind) {
      case 'confirmation':
        return isOver(event) ? { skip: `the event is ${event.state}` } : { send: confirmationMail(ctx) };
      case 'reminder':
        if (isOver(event)) return { skip: `the event is ${event.state}` };
        if (event.startsAt.toISOString() !== job.startsAt) return { skip: 'the event moved since' };
        return { send: reminderMail(ctx, job.leadMs) };
      case 'changed':
        if (isOver(event)) return { skip: `the event is ${event.state}` };
        return {
          send: eventChangedMail(ctx, {
            startsAt: new Date(job.previousStartsAt),
            endsAt: new Date(job.previousEndsAt),
          }),
        };
      case 'cancelled':
        return event.state === 'cancelled'
          ? { send: eventCancelledMail(ctx) }
          : { skip: `the event is ${event.state}` };
    }
  }
}

const isOver = (e: EventRecord) => e.state === 'cancelled' || e.state === 'ended';
