import { IcsMethod, buildIcsInvitation } from './ics-invitation';
import { formatEventTime, formatLead } from './mail-dates';
import { MailDocument, renderHtml, renderText } from './mail-document';
import type { MailLanguage } from './mail-language';
import type { MailMessage } from './mail-message';
import type { Mailbox } from './mailbox';
import { MailFacts, REGISTRANT_TEXTS } from './registrant-mail-texts';

/** What every mail to a registrant is made of. Pure data: the builders below do no I/O. */
export interface RegistrantMailContext {
  language: MailLanguage;
  registrant: { name: string; email: string };
  event: {
    id: string;
    title: string;
    description: string;
    startsAt: Date;
    endsAt: Date;
    timeZone: string;
    /** Grows with every change of the event: the invitation's SEQUENCE. */
    version: number;
  };
  joinUrl: string;
  /** The sender, also the invitation's ORGANIZER. */
  from: Mailbox;
  now: Date;
  /** Domain of the invitation UIDs (stable per event, so calendars update one entry). */
  uidDomain: string;
}

export const INVITATION_FILENAME = 'invitation.ics';

/** The mail with the personal join link and the calendar invitation. */
export function confirmationMail(ctx: RegistrantMailContext): MailMessage {
  const t = REGISTRANT_TEXTS[ctx.language].confirmation(facts(ctx));
  return message(ctx, { language: ctx.language, ...t }, 'REQUEST');
}

/** The reminder `leadMs` before the start (24 h, 15 min by default). */
export function reminderMail(ctx: RegistrantMailContext, leadMs: number): MailMessage {
  const t = REGISTRANT_TEXTS[ctx.language].reminder(facts(ctx), formatLead(leadMs, ctx.language));
  return message(ctx, { language: ctx.language, ...t });
}

/** The event moved: the new time, the same link, an updated invitation. */
export function eventChangedMail(ctx: RegistrantMailContext, previous: { startsAt: Date; endsAt: Date }): MailMessage {
  const before = formatEventTime(previous.startsAt, previous.endsAt, ctx.event.timeZone, ctx.language);
  const t = REGISTRANT_TEXTS[ctx.language].changed(facts(ctx), before);
  return message(ctx, { language: ctx.language, ...t }, 'REQUEST');
}

/** The event is cancelled: a CANCEL invitation takes it out of the calendar. */
export function eventCancelledMail(ctx: RegistrantMailContext): MailMessage {
  const t = REGISTRANT_TEXTS[ctx.language].cancelled(facts(ctx));
  return message(ctx, { language: ctx.language, ...t }, 'CANCEL');
}

function facts(ctx: RegistrantMailContext): MailFacts {
  return {
    name: ctx.registrant.name,
    title: ctx.event.title,
    description: ctx.event.description,
    joinUrl: ctx.joinUrl,
    when: formatEventTime(ctx.event.startsAt, ctx.event.endsAt, ctx.event.timeZone, ctx.language),
  };
}

function message(ctx: RegistrantMailContext, doc: MailDocument, method?: IcsMethod): MailMessage {
  const to = { name: ctx.registrant.name, address: ctx.registrant.email };
  return {
    to,
    subject: doc.subject,
    text: renderText(doc),
    html: renderHtml(doc),
    ...(method
      ? {
          calendar: {
            method,
            filename: INVITATION_FILENAME,
            content: buildIcsInvitation({
              method,
              uid: `${ctx.event.id}@${ctx.uidDomain}`,
              sequence: ctx.event.version,
              title: ctx.event.title,
              description: ctx.event.description,
              startsAt: ctx.event.startsAt,
              endsAt: ctx.event.endsAt,
              timeZone: ctx.event.timeZone,
              joinUrl: ctx.joinUrl,
              organizer: ctx.from,
              attendee: to,
              createdAt: ctx.now,
            }),
          },
        }
      : {}),
  };
}
