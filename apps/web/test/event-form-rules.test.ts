import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventView } from '../src/api/console-types';
import {
  checkEventForm,
  eventRequestBody,
  overlapFromServer,
  type EventFormValues,
} from '../src/pages/organizer/event-form-rules';

// The rules the event form explains while the organizer types (the server enforces the same ones).
const order = { attendeeLimit: 100, validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' };
const form = (v: Partial<EventFormValues>): EventFormValues => ({
  title: 'Launch',
  description: '',
  mode: 'live',
  timeZone: 'Europe/Paris',
  startsAt: '2026-03-02T09:00',
  endsAt: '2026-03-02T10:00',
  attendeeLimit: '',
  ...v,
});
const event = (id: string, startsAt: string, endsAt: string, state: EventView['state'] = 'scheduled') =>
  ({ id, title: `Event ${id}`, startsAt, endsAt, state }) as EventView;

describe('the event form rules', () => {
  it('allows exactly 8 hours and refuses 8 h 1 min as too long', () => {
    assert.deepEqual(checkEventForm(form({ endsAt: '2026-03-02T17:00' }), { order, ownEvents: [] }).problems, {});
    const long = checkEventForm(form({ endsAt: '2026-03-02T17:01' }), { order, ownEvents: [] });
    assert.equal(long.problems.endsAt?.key, 'tooLong');
    assert.equal(long.durationMs, (8 * 60 + 1) * 60_000);
  });

  it('counts the hours in the chosen zone, across a daylight-saving change', () => {
    // 29 March 2026 in Paris: 00:00 → 09:00 on the wall is 8 hours of real time
    const r = checkEventForm(form({ startsAt: '2026-03-29T00:00', endsAt: '2026-03-29T09:00' }), {
      order,
      ownEvents: [],
    });
    assert.equal(r.durationMs, 8 * 3_600_000);
    assert.deepEqual(r.problems, {});
  });

  it('wants a title and an end after the start', () => {
    const r = checkEventForm(form({ title: '  ', endsAt: '2026-03-02T09:00' }), { order, ownEvents: [] });
    assert.equal(r.problems.title?.key, 'titleRequired');
    assert.equal(r.problems.endsAt?.key, 'endBeforeStart');
    assert.equal(
      checkEventForm(form({ startsAt: '' }), { order, ownEvents: [] }).problems.startsAt?.key,
      'startRequired',
    );
  });

  it("keeps the attendee limit within the order's and the dates within its validity", () => {
    assert.equal(
      checkEventForm(form({ attendeeLimit: 100 }), { order, ownEvents: [] }).problems.attendeeLimit,
      undefined,
    );
    assert.deepEqual(checkEventForm(form({ attendeeLimit: 101 }), { order, ownEvents: [] }).problems.attendeeLimit, {
      key: 'limitAboveOrder',
      values: { limit: 100 },
    });
    assert.equal(
      checkEventForm(form({ attendeeLimit: 0 }), { order, ownEvents: [] }).problems.attendeeLimit?.key,
      'limitInvalid',
    );
    const late = checkEventForm(form({ startsAt: '2027-01-10T09:00', endsAt: '2027-01-10T10:00' }), {
      order,
      ownEvents: [],
    });
    assert.equal(late.problems.startsAt?.key, 'outsideOrder');
  });

  it('names the overlapping event, ignoring cancelled ones, the edited one and back-to-back ones', () => {
    const own = [
      event('a', '2026-03-02T07:00:00Z', '2026-03-02T08:00:00Z'), // ends 09:00 Paris: back to back
      event('b', '2026-03-02T08:30:00Z', '2026-03-02T09:30:00Z', 'cancelled'),
      event('c', '2026-03-02T08:45:00Z', '2026-03-02T09:15:00Z'),
    ];
    assert.equal(checkEventForm(form({}), { order, ownEvents: own })?.overlap?.id, 'c');
    assert.equal(checkEventForm(form({}), { order, ownEvents: own, editingId: 'c' }).overlap, null);
  });

  it('sends the times with the zone offset, and leaves the limit out when empty', () => {
    const v = form({ startsAt: '2026-07-01T10:00', endsAt: '2026-07-01T11:30' });
    const r = checkEventForm(v, { order, ownEvents: [] });
    assert.deepEqual(eventRequestBody(v, r.window!), {
      title: 'Launch',
      description: '',
      mode: 'live',
      playAsLive: false,
      startsAt: '2026-07-01T10:00:00+02:00',
      endsAt: '2026-07-01T11:30:00+02:00',
    });
  });

  it("reads the other event out of the server's 409 sentence", () => {
    const msg =
      'overlaps the organizer\'s event "Board "Q1" meeting" (3f0c1a52-1b2c-4d5e-8f90-123456789abc) from 2026-03-02T09:00:00.000Z to 2026-03-02T10:00:00.000Z; a named organizer runs one event at a time';
    assert.deepEqual(overlapFromServer(msg), {
      title: 'Board "Q1" meeting',
      id: '3f0c1a52-1b2c-4d5e-8f90-123456789abc',
    });
    assert.equal(overlapFromServer('the schedule overlaps another event of this organizer'), null);
  });
});
