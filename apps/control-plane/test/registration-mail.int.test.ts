import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { listOutbox } from '#mail';
import { component, eventually, instantOf, parseIcs, property, textValue } from '#test-support';
import { verifyJoinToken } from '#tokens';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { CaughtMail, mailsTo, postFrom } from './support/mail-outbox';
import { HOUR_MS, MINUTE_MS, eventBody } from './support/schedule';

// A visitor registers on the public link and gets everything by mail, as they would from a real SMTP server: the
// mails are read back from the SMTP catcher the harness runs, and the .ics is parsed.

const BASE_URL = 'https://webcasts.example.com';
const tokenOf = (joinUrl: string) => decodeURIComponent(joinUrl.slice(joinUrl.lastIndexOf('/') + 1));

/** "20261204T100000": the wall-clock time of an instant in a zone, as an .ics local DATE-TIME. */
function localIcsTime(at: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return f.replace(/[-:]/g, '').replace(' ', 'T');
}

describe('registration by e-mail', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let event: { id: string; publicSlug: string; startsAt: string; endsAt: string };
  let outbox: string;
  let queue: Queue;
  let queueConnection: Redis;

  before(async () => {
    h = await startControlPlane({ PUBLIC_BASE_URL: `${BASE_URL}/`, MAIL_FROM: 'Webcasts <webcasts@example.com>' });
    s = await h.seed();
    outbox = h.mailCatcher!.dir;
    event = (
      await h
        .api(s.organizer.token)
        .post(
          '/api/events',
          eventBody(HOUR_MS, HOUR_MS, { title: 'Open day', description: 'Welcome', timeZone: 'Europe/Paris' }),
        )
    ).body;
    queueConnection = new Redis(h.config.REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue('mail', { connection: queueConnection, prefix: h.config.REDIS_PREFIX });
  });
  after(async () => {
    await queue.close();
    queueConnection.disconnect();
    await h.close();
  });

  const register = (from: string, slug: string, body: unknown, headers: Record<string, string> = {}) =>
    postFrom(h.url, from, `/api/public/events/${slug}/registrations`, body, headers);

  async function registrantId(eventId: string, email: string): Promise<string> {
    const list = await h.api(s.organizer.token).get(`/api/events/${eventId}/registrations`);
    const items: { id: string; email: string }[] = Array.isArray(list.body) ? list.body : list.body.items;
    const found = items.find((r) => r.email === email);
    assert.ok(found, `${email} is registered`);
    return found.id;
  }

  it('mails the join link and a calendar invitation in the event zone; the answer holds neither', async () => {
    const r = await register('127.0.0.1', event.publicSlug, { name: 'Alan Turing', email: 'Alan.Turing@Example.org' });
    assert.equal(r.status, 202, r.text);
    assert.deepEqual(JSON.parse(r.text), { status: 'check-your-inbox', email: 'alan.turing@example.org' });
    assert.ok(!/join|token|eyJ/i.test(r.text), r.text);

    const [mail] = await mailsTo(outbox, 'alan.turing@example.org', 1);
    assert.equal(mail.subject, 'You are registered: Open day');
    assert.ok(mail.joinUrl?.startsWith(`${BASE_URL}/join/`), mail.text);
    assert.ok(mail.html.includes(`href="${mail.joinUrl}"`), 'the HTML part links to the same page');
    const check = verifyJoinToken(tokenOf(mail.joinUrl!), h.config.JOIN_TOKEN_SECRET);
    assert.ok(check.ok);
    const id = await registrantId(event.id, 'alan.turing@example.org');
    assert.deepEqual(check.claims, { registrantId: id, eventId: event.id });
    const seen = await h.api(s.organizer.token).get(`/api/events/${event.id}/registrations/${id}`);
    assert.equal(seen.body.joinUrl, mail.joinUrl, "the organizer sees the registrant's link");

    assert.deepEqual(mail.attachmentNames.includes('invitation.ics'), true);
    const cal = parseIcs(mail.ics!);
    assert.equal(property(cal, 'METHOD').value, 'REQUEST');
    const vevent = component(cal, 'VEVENT');
    const start = property(vevent, 'DTSTART');
    assert.equal(start.params.TZID, 'Europe/Paris');
    assert.equal(start.value, localIcsTime(new Date(event.startsAt), 'Europe/Paris'));
    assert.equal(instantOf(cal, start).toISOString(), event.startsAt);
    assert.equal(instantOf(cal, property(vevent, 'DTEND')).toISOString(), event.endsAt);
    assert.equal(property(vevent, 'URL').value, mail.joinUrl);
    assert.ok(textValue(property(vevent, 'DESCRIPTION')).includes(mail.joinUrl!));
    assert.equal(property(vevent, 'ATTENDEE').value, 'mailto:alan.turing@example.org');
    assert.equal(property(vevent, 'ORGANIZER').value, 'mailto:webcasts@example.com');
  });

  it('answers a second registration exactly as the first and re-sends the same link to that address only', async () => {
    const first = await register('127.0.0.1', event.publicSlug, {
      name: 'Joan Clarke',
      email: 'joan.clarke@example.org',
    });
    const [firstMail] = await mailsTo(outbox, 'joan.clarke@example.org', 1);
    const before = (await listOutbox(outbox)).length;

    const second = await register('127.0.0.1', event.publicSlug, { name: 'J. C.', email: ' Joan.Clarke@Example.org ' });
    assert.equal(second.status, first.status);
    assert.equal(second.text, first.text, 'byte for byte the same answer');
    assert.equal(second.headers['content-type'], first.headers['content-type']);
    assert.equal(second.headers['content-length'], first.headers['content-length']);
    assert.ok(!/join|token|eyJ/i.test(second.text));

    const mails = await mailsTo(outbox, 'joan.clarke@example.org', 2);
    assert.equal(mails.length, 2);
    assert.equal(mails[1].joinUrl, firstMail.joinUrl, 'the same link again');
    assert.match(mails[1].text, /^Hello Joan Clarke,/, 'the name given first stays');
    const all = await listOutbox(outbox);
    assert.equal(all.length, before + 1, 'one more mail in all');
    assert.deepEqual(all[0].to, ['joan.clarke@example.org'], 'to that address only');
    const list = await h.api(s.organizer.token).get(`/api/events/${event.id}/registrations`);
    const items: { email: string }[] = Array.isArray(list.body) ? list.body : list.body.items;
    assert.equal(items.filter((r) => r.email === 'joan.clarke@example.org').length, 1);
  });

  it("writes in the registrant's language: the form's, else Accept-Language's", async () => {
    await register(
      '127.0.0.1',
      event.publicSlug,
      { name: 'Élodie Dupré', email: 'elodie@example.fr' },
      { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
    );
    await register(
      '127.0.0.1',
      event.publicSlug,
      { name: 'Marie Curie', email: 'marie@example.fr', language: 'fr' },
      { 'accept-language': 'en-GB' },
    );
    for (const [address, name] of [
      ['elodie@example.fr', 'Élodie Dupré'],
      ['marie@example.fr', 'Marie Curie'],
    ]) {
      const [mail] = await mailsTo(outbox, address, 1);
      assert.equal(mail.subject, 'Inscription confirmée\u00a0: Open day');
      assert.match(mail.text, new RegExp(`^Bonjour ${name},`));
      assert.ok(mail.text.includes('Rejoindre le webcast'));
      assert.ok(mail.html.includes('<html lang="fr">'));
      assert.ok(mail.ics, 'the French mail has its invitation too');
    }
  });

  it('lets the organizer add registrants, one or from CSV, and see their links', async () => {
    const one = await h
      .api(s.organizer.token)
      .post(`/api/events/${event.id}/registrations`, { name: 'Grace Hopper', email: 'grace@example.org' });
    assert.equal(one.status, 201, JSON.stringify(one.body));
    assert.ok(one.body.joinUrl.startsWith(`${BASE_URL}/join/`));
    assert.equal((await mailsTo(outbox, 'grace@example.org', 1))[0].joinUrl, one.body.joinUrl);

    const csv = [
      'email,name,language',
      'katherine@example.org,Katherine Johnson,en',
      '"dorothy@example.org","Vaughan, Dorothy",fr',
      'not-an-address,Nobody,en',
      'mary@example.org,Mary Jackson,',
      '',
    ].join('\r\n');
    const imported = await h
      .api(s.organizer.token)
      .request('POST', `/api/events/${event.id}/registrations/import`, undefined, {
        raw: csv,
        headers: { 'content-type': 'text/csv' },
      });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(
      imported.body.imported.map((r: { email: string; name: string; language: string }) => [
        r.email,
        r.name,
        r.language,
      ]),
      [
        ['katherine@example.org', 'Katherine Johnson', 'en'],
        ['dorothy@example.org', 'Vaughan, Dorothy', 'fr'],
        ['mary@example.org', 'Mary Jackson', 'en'],
      ],
    );
    assert.deepEqual(imported.body.problems, [{ line: 4, message: '"not-an-address" is not an e-mail address' }]);
    const dorothy = (await mailsTo(outbox, 'dorothy@example.org', 1))[0];
    assert.equal(dorothy.joinUrl, imported.body.imported[1].joinUrl);
    assert.match(dorothy.text, /^Bonjour Vaughan, Dorothy,/);

    assert.equal(
      (await h.api().post(`/api/events/${event.id}/registrations`, { name: 'X', email: 'x@example.org' })).status,
      401,
    );
    const other = await h.seed();
    assert.equal(
      (
        await h
          .api(other.organizer.token)
          .post(`/api/events/${event.id}/registrations`, { name: 'X', email: 'x@example.org' })
      ).status,
      404,
    );
    const notCsv = await h.api(s.organizer.token).post(`/api/events/${event.id}/registrations/import`, { name: 'X' });
    assert.equal(notCsv.status, 400);
  });

  it('reminds 24 h and 15 min before; rescheduling moves both reminders, cancelling drops them and mails it', async () => {
    const created = await h
      .api(s.organizer.token)
      .post('/api/events', eventBody(30 * HOUR_MS, HOUR_MS, { title: 'Board meeting', timeZone: 'America/New_York' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const ev = created.body as { id: string; publicSlug: string; startsAt: string };
    await register('127.0.0.1', ev.publicSlug, { name: 'Ada Byron', email: 'ada.byron@example.org' });
    await register('127.0.0.1', ev.publicSlug, { name: 'Sophie Germain', email: 'sophie@example.fr', language: 'fr' });
    const people = [
      { email: 'ada.byron@example.org', id: await registrantId(ev.id, 'ada.byron@example.org') },
      { email: 'sophie@example.fr', id: await registrantId(ev.id, 'sophie@example.fr') },
    ];
    const confirmations = await Promise.all(people.map(async (p) => (await mailsTo(outbox, p.email, 1))[0]));
    const leads = [24 * HOUR_MS, 15 * MINUTE_MS];

    /** When each reminder is due, per registrant, as BullMQ holds it (null: no such delayed job). */
    const dueTimes = async () =>
      Promise.all(
        people.flatMap((p) =>
          leads.map(async (lead) => {
            const job = await queue.getJob(`reminder-${p.id}-${lead}`);
            return job && (await job.isDelayed()) ? job.timestamp + (job.opts.delay ?? 0) : null;
          }),
        ),
      );
    const expected = (startsAt: string) => people.flatMap(() => leads.map((lead) => Date.parse(startsAt) - lead));
    assert.deepEqual(await dueTimes(), expected(ev.startsAt));

    // a reminder when it comes due (promoted instead of waiting a day)
    await (await queue.getJob(`reminder-${people[0].id}-${15 * MINUTE_MS}`))!.promote();
    const [, reminder] = await mailsTo(outbox, people[0].email, 2);
    assert.equal(reminder.subject, 'Starts in 15 minutes: Board meeting');
    assert.equal(reminder.joinUrl, confirmations[0].joinUrl);

    const newStart = new Date(Date.parse(ev.startsAt) + 2 * HOUR_MS).toISOString();
    const newEnd = new Date(Date.parse(ev.startsAt) + 3 * HOUR_MS).toISOString();
    const moved = await h.api(s.organizer.token).patch(`/api/events/${ev.id}`, { startsAt: newStart, endsAt: newEnd });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await eventually(async () => assert.deepEqual(await dueTimes(), expected(newStart)));

    const changed: CaughtMail[] = [
      (await mailsTo(outbox, people[0].email, 3))[2],
      (await mailsTo(outbox, people[1].email, 2))[1],
    ];
    assert.equal(changed[0].subject, 'New time: Board meeting');
    assert.equal(changed[1].subject, 'Nouvel horaire\u00a0: Board meeting');
    for (const [i, mail] of changed.entries()) {
      const seen = await h.api(s.organizer.token).get(`/api/events/${ev.id}/registrations/${people[i].id}`);
      assert.equal(mail.joinUrl, seen.body.joinUrl, 'the link for the new time');
      const cal = parseIcs(mail.ics!);
      const vevent = component(cal, 'VEVENT');
      assert.equal(property(vevent, 'DTSTART').params.TZID, 'America/New_York');
      assert.equal(instantOf(cal, property(vevent, 'DTSTART')).toISOString(), newStart);
      const before = component(parseIcs(confirmations[i].ics!), 'VEVENT');
      assert.equal(property(vevent, 'UID').value, property(before, 'UID').value, 'the same calendar entry');
      assert.ok(Number(property(vevent, 'SEQUENCE').value) > Number(property(before, 'SEQUENCE').value));
    }

    assert.equal((await h.api(s.organizer.token).post(`/api/events/${ev.id}/cancel`)).status, 200);
    await eventually(async () => assert.deepEqual(await dueTimes(), [null, null, null, null]));
    const cancelled = [(await mailsTo(outbox, people[0].email, 4))[3], (await mailsTo(outbox, people[1].email, 3))[2]];
    assert.equal(cancelled[0].subject, 'Cancelled: Board meeting');
    assert.equal(cancelled[1].subject, 'Annulé\u00a0: Board meeting');
    for (const [i, mail] of cancelled.entries()) {
      const cal = parseIcs(mail.ics!);
      assert.equal(property(cal, 'METHOD').value, 'CANCEL');
      const vevent = component(cal, 'VEVENT');
      assert.equal(property(vevent, 'STATUS').value, 'CANCELLED');
      assert.equal(
        property(vevent, 'UID').value,
        property(component(parseIcs(changed[i].ics!), 'VEVENT'), 'UID').value,
      );
    }
  });

  it('limits public registration per address and per IP (429 with Retry-After); everyone else goes on', async () => {
    const flood = [];
    for (let i = 0; i < 30; i++) {
      flood.push(await register('127.0.0.5', event.publicSlug, { name: 'Flood', email: 'victim@example.org' }));
    }
    const limit = h.config.REGISTRATION_EMAIL_LIMIT;
    assert.deepEqual(
      flood.map((r) => r.status),
      [...Array<number>(limit).fill(202), ...Array<number>(30 - limit).fill(429)],
    );
    const refused = flood[limit];
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 600, String(retryAfter));
    const body = JSON.parse(refused.text);
    assert.equal(body.statusCode, 429);
    assert.match(body.message, /try again in \d+ (seconds|minutes)/);

    // another address from another client: unaffected; the organizer's tools too
    const other = await register('127.0.0.6', event.publicSlug, { name: 'Hedy Lamarr', email: 'hedy@example.org' });
    assert.equal(other.status, 202);
    await mailsTo(outbox, 'hedy@example.org', 1);
    const added = await h
      .api(s.organizer.token)
      .post(`/api/events/${event.id}/registrations`, { name: 'Frances Allen', email: 'frances@example.org' });
    assert.equal(added.status, 201);

    // one client trying many addresses
    const ipLimit = h.config.REGISTRATION_IP_LIMIT;
    const spread = [];
    for (let i = 0; i <= ipLimit; i++) {
      spread.push(
        await register('127.0.0.7', event.publicSlug, { name: `Made Up ${i}`, email: `made.up.${i}@example.org` }),
      );
    }
    assert.deepEqual(
      spread.map((r) => r.status),
      [...Array<number>(ipLimit).fill(202), 429],
    );
    assert.match(JSON.parse(spread[ipLimit].text).message, /from your network/);
    assert.ok(Number(spread[ipLimit].headers['retry-after']) > 0);
    assert.equal((await register('127.0.0.8', event.publicSlug, { name: 'Ok', email: 'ok@example.org' })).status, 202);

    // the flooded inbox got one mail per accepted registration, no more
    await mailsTo(outbox, 'ok@example.org', 1);
    assert.equal((await mailsTo(outbox, 'victim@example.org', limit)).length, limit);
  });

  it('refuses unknown links (404) and cancelled events (409) without a mail', async () => {
    const unknown = await register('127.0.0.9', 'doesnotexist123', { name: 'A', email: 'a.b@example.org' });
    assert.equal(unknown.status, 404);
    const other = (await h.api(s.organizer.token).post('/api/events', eventBody(50 * HOUR_MS, HOUR_MS))).body;
    await h.api(s.organizer.token).post(`/api/events/${other.id}/cancel`);
    const r = await register('127.0.0.9', other.publicSlug, { name: 'A', email: 'a.b@example.org' });
    assert.equal(r.status, 409);
  });
});

describe('a deployment with short reminder offsets, behind a reverse proxy', () => {
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  before(async () => {
    // one reminder an hour before the start; the event starts an hour and a few seconds from now
    // clients reach it through a proxy on the loopback interface, which names them in X-Forwarded-For
    h = await startControlPlane({ REMINDER_OFFSETS: [HOUR_MS], TRUST_PROXY: 'loopback', REGISTRATION_IP_LIMIT: 2 });
    s = await h.seed();
  });
  after(async () => {
    await h.close();
  });

  it('sends the reminder when it comes due, in the event zone, with the join link', async () => {
    const startsAt = new Date(Date.now() + HOUR_MS + 3000);
    const created = await h.api(s.organizer.token).post('/api/events', {
      title: 'Soon',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR_MS).toISOString(),
      mode: 'live',
      timeZone: 'Asia/Tokyo',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.timeZone, 'Asia/Tokyo');
    assert.equal((await h.api().get(`/api/public/events/${created.body.publicSlug}`)).body.timeZone, 'Asia/Tokyo');
    await postFrom(h.url, '127.0.0.1', `/api/public/events/${created.body.publicSlug}/registrations`, {
      name: 'Ken Thompson',
      email: 'ken@example.org',
    });
    const [confirmation, reminder] = await mailsTo(h.mailCatcher!.dir, 'ken@example.org', 2, 20_000);
    assert.equal(reminder.subject, 'Starts in 1 hour: Soon');
    assert.equal(reminder.joinUrl, confirmation.joinUrl);
    assert.match(reminder.text, /Japan Standard Time/);
  });

  it("counts the per-IP limit against the client the proxy names, not the proxy's own address", async () => {
    const slug = (await h.api(s.organizer.token).post('/api/events', eventBody(8 * HOUR_MS, HOUR_MS))).body.publicSlug;
    const via = (client: string, email: string) =>
      postFrom(
        h.url,
        '127.0.0.1',
        `/api/public/events/${slug}/registrations`,
        { name: 'Someone', email },
        { 'x-forwarded-for': client },
      );
    assert.equal((await via('198.51.100.1', 'p1@example.org')).status, 202);
    assert.equal((await via('198.51.100.1', 'p2@example.org')).status, 202);
    assert.equal((await via('198.51.100.1', 'p3@example.org')).status, 429);
    assert.equal((await via('198.51.100.2', 'p4@example.org')).status, 202, 'another client behind the same proxy');
  });

  it('refuses a time zone the runtime does not know', async () => {
    const r = await h
      .api(s.organizer.token)
      .post('/api/events', eventBody(5 * HOUR_MS, HOUR_MS, { timeZone: 'Mars/Olympus_Mons' }));
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'timeZone');
  });
});
