import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIcsInvitation, IcsInvitation } from '#mail';
import { component, instantOf, parseIcs, property, textValue } from '#test-support';

const base: IcsInvitation = {
  method: 'REQUEST',
  uid: 'e1@webcasts.example.com',
  sequence: 3,
  title: 'Quarterly all-hands; Q&A, live',
  description: 'Agenda:\n1. Results\n2. Questions',
  startsAt: new Date('2026-03-29T08:30:00Z'), // 10:30 in Paris, the first morning of summer time
  endsAt: new Date('2026-03-29T10:00:00Z'),
  timeZone: 'Europe/Paris',
  joinUrl: 'https://webcasts.example.com/join/abc.def.ghi',
  organizer: { name: 'Ada Lovelace, Analytical Engines', address: 'webcasts@example.com' },
  attendee: { name: 'Élodie Dupré', address: 'elodie@example.fr' },
  createdAt: new Date('2026-03-01T12:00:00Z'),
};

describe('calendar invitation (.ics)', () => {
  it("writes the start and end in the event's zone, and its VTIMEZONE resolves them to the right instants", () => {
    const cal = parseIcs(buildIcsInvitation(base));
    const event = component(cal, 'VEVENT');
    const start = property(event, 'DTSTART');
    assert.equal(start.params.TZID, 'Europe/Paris');
    assert.equal(start.value, '20260329T103000');
    assert.equal(instantOf(cal, start).toISOString(), base.startsAt.toISOString());
    assert.equal(instantOf(cal, property(event, 'DTEND')).toISOString(), base.endsAt.toISOString());
  });

  it('resolves winter and summer times alike, and zones west of UTC and on half hours', () => {
    for (const [timeZone, iso, local] of [
      ['Europe/Paris', '2026-01-15T09:00:00Z', '20260115T100000'],
      ['America/New_York', '2026-07-04T16:00:00Z', '20260704T120000'],
      ['America/New_York', '2026-11-01T06:30:00Z', '20261101T013000'], // after the fall-back hour
      ['Asia/Kolkata', '2026-05-01T04:30:00Z', '20260501T100000'],
      ['Australia/Sydney', '2026-04-05T01:00:00Z', '20260405T110000'],
    ] as const) {
      const startsAt = new Date(iso);
      const cal = parseIcs(
        buildIcsInvitation({ ...base, timeZone, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) }),
      );
      const start = property(component(cal, 'VEVENT'), 'DTSTART');
      assert.equal(start.value, local, timeZone);
      assert.equal(instantOf(cal, start).toISOString(), startsAt.toISOString(), `${timeZone} ${iso}`);
    }
  });

  it('writes UTC events in UTC, with no VTIMEZONE', () => {
    const text = buildIcsInvitation({ ...base, timeZone: 'UTC' });
    const cal = parseIcs(text);
    assert.equal(property(component(cal, 'VEVENT'), 'DTSTART').value, '20260329T083000Z');
    assert.ok(!cal.components.some((c) => c.name === 'VTIMEZONE'));
  });

  it('carries the join link in URL and DESCRIPTION, escapes text, and names organizer and attendee', () => {
    const cal = parseIcs(buildIcsInvitation(base));
    const event = component(cal, 'VEVENT');
    assert.equal(property(cal, 'VERSION').value, '2.0');
    assert.equal(property(cal, 'METHOD').value, 'REQUEST');
    assert.equal(property(event, 'UID').value, 'e1@webcasts.example.com');
    assert.equal(property(event, 'SEQUENCE').value, '3');
    assert.equal(property(event, 'DTSTAMP').value, '20260301T120000Z');
    assert.equal(property(event, 'URL').value, base.joinUrl);
    assert.equal(textValue(property(event, 'SUMMARY')), base.title);
    assert.equal(textValue(property(event, 'DESCRIPTION')), `${base.description}\n\n${base.joinUrl}`);
    assert.equal(property(event, 'ORGANIZER').value, 'mailto:webcasts@example.com');
    assert.equal(property(event, 'ORGANIZER').params.CN, 'Ada Lovelace, Analytical Engines');
    assert.equal(property(event, 'ATTENDEE').value, 'mailto:elodie@example.fr');
    assert.equal(property(event, 'ATTENDEE').params.CN, 'Élodie Dupré');
    assert.equal(property(event, 'STATUS').value, 'CONFIRMED');
  });

  it('folds long lines at 75 octets without splitting a character, and unfolds back to the same text', () => {
    const title = 'Présentation des résultats trimestriels — équipe « Données », ' + 'é'.repeat(80);
    const text = buildIcsInvitation({ ...base, title });
    assert.ok(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75));
    assert.ok(!text.includes('\uFFFD'));
    assert.equal(textValue(property(component(parseIcs(text), 'VEVENT'), 'SUMMARY')), title);
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED under the same UID', () => {
    const cal = parseIcs(buildIcsInvitation({ ...base, method: 'CANCEL', sequence: 4 }));
    const event = component(cal, 'VEVENT');
    assert.equal(property(cal, 'METHOD').value, 'CANCEL');
    assert.equal(property(event, 'STATUS').value, 'CANCELLED');
    assert.equal(property(event, 'UID').value, base.uid);
    assert.equal(property(event, 'SEQUENCE').value, '4');
  });
});
