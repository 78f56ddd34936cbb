import { MAX_EVENT_DURATION_MS, windowsOverlap } from '#domain';
import type { EventMode, EventView, OrderView } from '../../api/console-types';
import { isoInZone, wallTimeToInstant } from '../../format/zoned-time';

// The scheduling rules of the service terms, checked as the organizer types (the server checks them again and its
// answer is shown where it differs): a title, an end after the start and at most 8 hours later, within the order's
// validity, an attendee limit no higher than the order's, no overlap with the organizer's other events.

export interface EventFormValues {
  title: string;
  description: string;
  mode: EventMode;
  /** On-demand only: simulive (a draft saved before the field existed has none). */
  playAsLive?: boolean;
  timeZone: string;
  /** datetime-local values, read in `timeZone`. */
  startsAt: string;
  endsAt: string;
  /** Empty: the order's attendee limit. */
  attendeeLimit: number | '';
}

export type EventField = 'title' | 'startsAt' | 'endsAt' | 'attendeeLimit';

/** A rule a value breaks: an i18n key under `eventForm.errors` and what it interpolates. */
export interface Problem {
  key:
    | 'titleRequired'
    | 'startRequired'
    | 'endRequired'
    | 'endBeforeStart'
    | 'tooLong'
    | 'outsideOrder'
    | 'limitInvalid'
    | 'limitAboveOrder';
  values?: Record<string, string | number>;
}

export interface EventFormCheck {
  problems: Partial<Record<EventField, Problem>>;
  /** Another event of this organizer the schedule overlaps (not cancelled). */
  overlap: EventView | null;
  /** The window the fields name, when both times are readable. */
  window: { startsAt: Date; endsAt: Date } | null;
  durationMs: number | null;
}

export interface EventFormContext {
  order: Pick<OrderView, 'attendeeLimit' | 'validFrom' | 'validUntil'> | null;
  /** The organizer's own events (for the overlap check). */
  ownEvents: readonly EventView[];
  /** The event being edited, which never overlaps itself. */
  editingId?: string;
  maxDurationMs?: number;
}

export function checkEventForm(v: EventFormValues, ctx: EventFormContext): EventFormCheck {
  const problems: EventFormCheck['problems'] = {};
  const maxDurationMs = ctx.maxDurationMs ?? MAX_EVENT_DURATION_MS;
  if (v.title.trim() === '') problems.title = { key: 'titleRequired' };

  const start = wallTimeToInstant(v.startsAt, v.timeZone);
  const end = wallTimeToInstant(v.endsAt, v.timeZone);
  if (!start) problems.startsAt = { key: 'startRequired' };
  if (!end) problems.endsAt = { key: 'endRequired' };
  let window: EventFormCheck['window'] = null;
  let durationMs: number | null = null;
  if (start && end) {
    window = { startsAt: start, endsAt: end };
    durationMs = end.getTime() - start.getTime();
    if (durationMs <= 0) problems.endsAt = { key: 'endBeforeStart' };
    else if (durationMs > maxDurationMs) {
      problems.endsAt = { key: 'tooLong', values: { hours: maxDurationMs / 3_600_000 } };
    } else if (ctx.order && (start < new Date(ctx.order.validFrom) || end > new Date(ctx.order.validUntil))) {
      problems.startsAt = {
        key: 'outsideOrder',
        values: { from: ctx.order.validFrom, until: ctx.order.validUntil },
      };
    }
  }

  if (v.attendeeLimit !== '') {
    if (!Number.isInteger(v.attendeeLimit) || v.attendeeLimit < 1) problems.attendeeLimit = { key: 'limitInvalid' };
    else if (ctx.order && v.attendeeLimit > ctx.order.attendeeLimit) {
      problems.attendeeLimit = { key: 'limitAboveOrder', values: { limit: ctx.order.attendeeLimit } };
    }
  }

  const overlap =
    window && durationMs !== null && durationMs > 0
      ? (ctx.ownEvents.find(
          (e) =>
            e.id !== ctx.editingId &&
            e.state !== 'cancelled' &&
            windowsOverlap(window, { startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt) }),
        ) ?? null)
      : null;
  return { problems, overlap, window, durationMs };
}

/** The body POST /api/events and PATCH /api/events/:id take, from valid values. */
export function eventRequestBody(v: EventFormValues, window: { startsAt: Date; endsAt: Date }) {
  return {
    title: v.title.trim(),
    description: v.description,
    mode: v.mode,
    playAsLive: v.mode === 'on-demand' && v.playAsLive === true,
    startsAt: isoInZone(window.startsAt, v.timeZone),
    endsAt: isoInZone(window.endsAt, v.timeZone),
    ...(v.attendeeLimit === '' ? {} : { attendeeLimit: v.attendeeLimit }),
  };
}

/** The other event a 409 names: the server says `overlaps the organizer's event "<title>" (<id>) from … to …`. */
export function overlapFromServer(message: string): { id: string; title: string } | null {
  const m = /event "(.*)" \(([0-9a-f-]{36})\)/i.exec(message);
  return m ? { title: m[1], id: m[2] } : null;
}
