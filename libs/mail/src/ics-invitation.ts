import type { Mailbox } from './mailbox';
import { OffsetChange, wallClock, zoneOffsetChanges, zoneOffsetMinutes } from './zone-offset';

export type IcsMethod = 'REQUEST' | 'CANCEL';

export interface IcsInvitation {
  method: IcsMethod;
  /** Stable across the event's updates and cancellation, so calendars replace the entry instead of adding one. */
  uid: string;
  /** Grows with each change of the event (its version), so calendars take the newest. */
  sequence: number;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the event is scheduled in; its times are written in it, with its VTIMEZONE. */
  timeZone: string;
  joinUrl: string;
  organizer: Mailbox;
  attendee: Mailbox;
  /** DTSTAMP: when this invitation was made. */
  createdAt: Date;
}

const PRODID = '-//Webcast platform//Registration//EN';
const DAY = 24 * 3600_000;

/**
 * An iCalendar (RFC 5545) invitation for one registrant: METHOD REQUEST (new or changed) or CANCEL, one VEVENT whose
 * times carry the event's TZID and a VTIMEZONE covering them (UTC events are written in UTC), the personal join link
 * in URL, LOCATION and DESCRIPTION. CRLF line ends, lines folded at 75 octets.
 */
export function buildIcsInvitation(inv: IcsInvitation): string {
  const utc = inv.timeZone === 'UTC' || inv.timeZone === 'Etc/UTC';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${inv.method}`,
    ...(utc ? [] : vtimezone(inv.timeZone, inv.startsAt, inv.endsAt)),
    'BEGIN:VEVENT',
    `UID:${text(inv.uid)}`,
    `SEQUENCE:${inv.sequence}`,
    `DTSTAMP:${utcStamp(inv.createdAt)}`,
    utc
      ? `DTSTART:${utcStamp(inv.startsAt)}`
      : `DTSTART;TZID=${inv.timeZone}:${localStamp(inv.startsAt, inv.timeZone)}`,
    utc ? `DTEND:${utcStamp(inv.endsAt)}` : `DTEND;TZID=${inv.timeZone}:${localStamp(inv.endsAt, inv.timeZone)}`,
    `SUMMARY:${text(inv.title)}`,
    `DESCRIPTION:${text([inv.description.trim(), inv.joinUrl].filter(Boolean).join('\n\n'))}`,
    `URL:${inv.joinUrl}`,
    `LOCATION:${text(inv.joinUrl)}`,
    `ORGANIZER${cn(inv.organizer)}:mailto:${inv.organizer.address}`,
    `ATTENDEE${cn(inv.attendee)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${inv.attendee.address}`,
    `STATUS:${inv.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * The zone's definition around the event: the observance in force a year before it, then every offset change up
 * to a year after (each as its own dated observance), so any client reads the event's times as the zone meant them.
 */
function vtimezone(timeZone: string, startsAt: Date, endsAt: Date): string[] {
  const from = new Date(Math.floor((startsAt.getTime() - 366 * DAY) / DAY) * DAY);
  const to = new Date(endsAt.getTime() + 366 * DAY);
  const changes = zoneOffsetChanges(timeZone, from, to);
  const first = zoneOffsetMinutes(from, timeZone);
  const standard = Math.min(first, ...changes.map((c) => c.toMinutes));
  const observances: OffsetChange[] = [{ at: from, fromMinutes: first, toMinutes: first }, ...changes];
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    `X-LIC-LOCATION:${timeZone}`,
    ...observances.flatMap((o) => {
      const kind = o.toMinutes === standard ? 'STANDARD' : 'DAYLIGHT';
      // an observance starts at the local time of the offset it replaces (RFC 5545 3.8.2.4 / 3.6.5)
      const onset = new Date(o.at.getTime() + o.fromMinutes * 60_000);
      return [
        `BEGIN:${kind}`,
        `DTSTART:${stamp(onset)}`,
        `TZOFFSETFROM:${utcOffset(o.fromMinutes)}`,
        `TZOFFSETTO:${utcOffset(o.toMinutes)}`,
        `END:${kind}`,
      ];
    }),
    'END:VTIMEZONE',
  ];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** yyyymmddThhmmss of a Date's UTC fields. */
function stamp(d: Date): string {
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}

const utcStamp = (d: Date) => `${stamp(d)}Z`;
const localStamp = (d: Date, timeZone: string) => stamp(wallClock(d, timeZone));

function utcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** A TEXT value (RFC 5545 3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** The CN parameter of a mailbox, quoted (DQUOTE cannot appear inside, so it is dropped). */
function cn(m: Mailbox): string {
  return m.name ? `;CN="${m.name.replace(/["\r\n]/g, '')}"` : '';
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines begin with one space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
