import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  RegistrantMailContext,
  confirmationMail,
  eventCancelledMail,
  eventChangedMail,
  formatLead,
  pickMailLanguage,
  reminderMail,
} from '#mail';
import { component, parseIcs, property } from '#test-support';

const ctx = (language: 'en' | 'fr'): RegistrantMailContext => ({
  language,
  registrant: { name: 'Alan <Turing>', email: 'alan@example.org' },
  event: {
    id: 'e1',
    title: 'Open day & demo',
    description: 'Welcome to the lab.',
    startsAt: new Date('2026-06-02T08:00:00Z'),
    endsAt: new Date('2026-06-02T09:30:00Z'),
    timeZone: 'Europe/Paris',
    version: 2,
  },
  joinUrl: 'https://webcasts.example.com/join/tok.en.sig',
  from: { name: 'Webcasts', address: 'webcasts@example.com' },
  now: new Date('2026-05-01T10:00:00Z'),
  uidDomain: 'webcasts.example.com',
});

describe('registrant mails', () => {
  it('confirm in English with the join link in both parts and an invitation', () => {
    const m = confirmationMail(ctx('en'));
    assert.equal(m.subject, 'You are registered: Open day & demo');
    assert.deepEqual(m.to, { name: 'Alan <Turing>', address: 'alan@example.org' });
    assert.match(m.text, /^Hello Alan <Turing>,/);
    assert.match(m.text, /Tuesday, June 2, 2026.*10:00.*11:30.*Central European Summer Time/);
    assert.ok(m.text.includes('https://webcasts.example.com/join/tok.en.sig'));
    assert.ok(m.html.includes('href="https://webcasts.example.com/join/tok.en.sig"'));
    assert.ok(m.html.includes('Hello Alan &lt;Turing&gt;,'), 'the HTML part escapes what people typed');
    assert.ok(m.html.includes('<html lang="en">'));
    assert.equal(m.calendar?.method, 'REQUEST');
    assert.equal(m.calendar?.filename, 'invitation.ics');
    const event = component(parseIcs(m.calendar.content), 'VEVENT');
    assert.equal(property(event, 'UID').value, 'e1@webcasts.example.com');
    assert.equal(property(event, 'URL').value, 'https://webcasts.example.com/join/tok.en.sig');
  });

  it('confirm in French, with French dates and typography', () => {
    const m = confirmationMail(ctx('fr'));
    assert.equal(m.subject, 'Inscription confirmée\u00a0: Open day & demo');
    assert.match(m.text, /^Bonjour Alan <Turing>,/);
    assert.match(
      m.text,
      /«\u00a0Open day & demo\u00a0» du mardi 2 juin 2026.*10:00.*11:30.*heure d’été d’Europe centrale/,
    );
    assert.ok(m.text.includes('Rejoindre le webcast:\nhttps://webcasts.example.com/join/tok.en.sig'));
    assert.ok(m.html.includes('<html lang="fr">'));
    assert.ok(!/registered|Hello/.test(m.text), 'no English left in the French mail');
  });

  it('remind with the lead time in words, without an invitation', () => {
    assert.equal(reminderMail(ctx('en'), 24 * 3600_000).subject, 'Starts in 24 hours: Open day & demo');
    assert.equal(reminderMail(ctx('fr'), 15 * 60_000).subject, 'Début dans 15 minutes\u00a0: Open day & demo');
    assert.equal(reminderMail(ctx('en'), 15 * 60_000).calendar, undefined);
    assert.ok(reminderMail(ctx('en'), 60_000).text.includes('https://webcasts.example.com/join/tok.en.sig'));
    assert.equal(formatLead(3600_000, 'fr'), '1 heure');
    assert.equal(formatLead(90_000, 'en'), '90 seconds');
  });

  it('announce a new time with the old one, the same link and an updated invitation', () => {
    const previous = { startsAt: new Date('2026-06-01T08:00:00Z'), endsAt: new Date('2026-06-01T09:00:00Z') };
    const en = eventChangedMail(ctx('en'), previous);
    assert.equal(en.subject, 'New time: Open day & demo');
    assert.match(en.text, /now takes place on Tuesday, June 2, 2026.*\(instead of Monday, June 1, 2026/);
    assert.ok(en.text.includes('https://webcasts.example.com/join/tok.en.sig'));
    assert.equal(en.calendar?.method, 'REQUEST');
    const fr = eventChangedMail(ctx('fr'), previous);
    assert.match(fr.text, /change d’horaire\u00a0: il aura lieu le mardi 2 juin 2026.*\(au lieu du lundi 1 juin 2026/);
  });

  it('announce a cancellation with a CANCEL invitation', () => {
    const en = eventCancelledMail(ctx('en'));
    assert.equal(en.subject, 'Cancelled: Open day & demo');
    assert.equal(en.calendar?.method, 'CANCEL');
    assert.equal(property(parseIcs(en.calendar.content), 'METHOD').value, 'CANCEL');
    assert.equal(eventCancelledMail(ctx('fr')).subject, 'Annulé\u00a0: Open day & demo');
  });
});

describe("the registrant's language", () => {
  it("is the form's when it is supported", () => {
    assert.equal(pickMailLanguage('fr', 'en-US'), 'fr');
    assert.equal(pickMailLanguage('fr-CA', undefined), 'fr');
    assert.equal(pickMailLanguage('de', 'fr;q=0.5'), 'fr');
  });
  it('is the best supported one of Accept-Language, else English', () => {
    assert.equal(pickMailLanguage(undefined, 'fr-FR,fr;q=0.9,en;q=0.8'), 'fr');
    assert.equal(pickMailLanguage(undefined, 'de-DE,en;q=0.5,fr;q=0.7'), 'fr');
    assert.equal(pickMailLanguage(undefined, 'de, it'), 'en');
    assert.equal(pickMailLanguage(undefined, 'fr;q=0, en'), 'en');
    assert.equal(pickMailLanguage(undefined, undefined), 'en');
  });
});
