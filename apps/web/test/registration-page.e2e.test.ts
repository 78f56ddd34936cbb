import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { listOutbox, readOutboxRaw } from '#mail';
import { eventually, freePort, uniqueRedisPrefix } from '#test-support';
import { AdmissionProcess, startAdmissionProcess } from '#test-support/admission-cluster';
import { component, instantOf, parseIcs, property } from '#test-support/ics-reader';
import { LiveStack, publish, startLiveStack } from '#test-support/live-stack';
import { describeViolations, launchChromium, seriousViolations, signIn } from './support/console-stack';

// From the public registration link to watching, as a newcomer does it with no mail server: a visitor registers on
// the event's page, the platform operator finds the mail in the development outbox (the embedded SMTP catcher),
// the mail's .ics has the event's time and zone, and its join link opens the join page, which plays the live stream
// (ffmpeg over RTMP through ingest and a live worker, an admission node). The event is in New York's zone and the
// visitor in Paris, so the page shows both times.

const VISITOR = 'grace.hopper@example.org';

describe('the public registration page and the development outbox', { timeout: 300_000 }, () => {
  let stack: LiveStack;
  let admission: AdmissionProcess;
  let browser: Browser;
  let publisher: ChildProcess | undefined;
  let event: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    registrationUrl: string;
    streamKey: string;
  };
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function open(locale: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: stack.webOrigin, locale, timezoneId: 'Europe/Paris' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.text().includes('i18n: missing key')) problems.push(m.text());
      else if (m.type() === 'error' && !/Failed to load resource|WebSocket connection/.test(m.text())) {
        problems.push(`console error: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return page;
  }
  const axe = async (page: Page, what: string) => {
    const vs = await seriousViolations(page);
    assert.deepEqual(vs, [], `${what}: ${describeViolations(vs)}`);
  };
  const outboxDir = () => stack.cp.config.MAIL_OUTBOX_DIR;
  const mailsTo = async (address: string, count: number) =>
    eventually(
      async () => {
        const found = (await listOutbox(outboxDir())).filter((e) => e.to.includes(address));
        assert.ok(found.length >= count, `${address} has ${found.length} mails, waiting for ${count}`);
        return found;
      },
      { timeout: 20_000, interval: 200 },
    );

  before(async () => {
    const prefix = uniqueRedisPrefix('register-page');
    const admissionPort = await freePort();
    stack = await startLiveStack({
      workers: 1,
      controlPlane: {
        REDIS_PREFIX: prefix,
        ADMISSION_PUBLIC_URLS: [`http://127.0.0.1:${admissionPort}`],
        // the 4th registration of one address within the window is refused, so the page's sentence shows
        REGISTRATION_EMAIL_LIMIT: 3,
      },
    });
    admission = await startAdmissionProcess('register-page-node', prefix, {
      PORT: String(admissionPort),
      JOIN_TOKEN_SECRET: stack.cp.config.JOIN_TOKEN_SECRET,
      PLAYBACK_TOKEN_SECRET: stack.cp.config.PLAYBACK_TOKEN_SECRET,
    });
    const customer = await stack.cp.seed({ attendeeLimit: 5 });
    // whole seconds: a calendar invitation has no fractions
    const startsAt = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);
    const created = await stack.cp.api(customer.organizer.token).post('/api/events', {
      title: 'Compilers for everyone',
      description: 'An hour on how programs become machine code.',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      timeZone: 'America/New_York',
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    event = created.body;
    browser = await launchChromium();
  });
  after(async () => {
    publisher?.kill('SIGKILL');
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await admission?.stop();
    await stack?.close();
  });

  it('registers a visitor, mails the link and invitation to the outbox, and the link plays', async () => {
    assert.equal(event.registrationUrl, `${stack.webOrigin}/register/${event.registrationUrl.split('/').pop()}`);
    const visitor = await open('en-GB');
    await visitor.goto(event.registrationUrl);
    await visitor.getByRole('heading', { level: 1, name: 'Compilers for everyone' }).waitFor();
    await visitor.getByText('An hour on how programs become machine code.').waitFor();
    await visitor.getByText('Upcoming').waitFor();
    await visitor.getByText('Your time').waitFor();
    await visitor.getByText("The event's time").waitFor();
    // the sign-in of the console is not offered to a visitor
    assert.equal(await visitor.getByRole('link', { name: /sign in/i }).count(), 0);

    // Sending nothing says what is missing, in words next to each field.
    await visitor.getByRole('button', { name: 'Register' }).click();
    await visitor.getByText('Give your name.').waitFor();
    await visitor.getByText('Give an e-mail address such as name@example.com.').waitFor();
    await visitor.getByText('Registering needs your agreement.').waitFor();
    await axe(visitor, 'register page with its errors');

    await visitor.getByLabel('Your name').fill('Grace Hopper');
    await visitor.getByLabel('Your e-mail address').fill(VISITOR);
    await visitor.getByLabel(/I agree that the organizer/).check();
    await visitor.getByRole('button', { name: 'Register' }).click();
    await visitor.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await visitor.getByText(`We sent your personal join link and a calendar invitation to ${VISITOR}.`).waitFor();
    await axe(visitor, 'register confirmation');
    assert.equal(await visitor.getByText('/join/').count(), 0, 'the page never shows a join link');

    // The operator's development outbox lists the mail; its page shows the link and the invitation.
    const [entry] = await mailsTo(VISITOR, 1);
    const operator = await stack.cp.seedOperator();
    const outboxPage = await open('en-GB');
    await signIn(outboxPage, operator.email, operator.password);
    await outboxPage.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Outbox' }).click();
    await outboxPage.getByRole('heading', { level: 1, name: 'Development outbox' }).waitFor();
    const row = outboxPage.getByRole('row').filter({ hasText: VISITOR });
    await row.getByRole('link', { name: 'You are registered: Compilers for everyone' }).click();
    await outboxPage.getByRole('heading', { level: 1, name: 'You are registered: Compilers for everyone' }).waitFor();
    await outboxPage.getByText(/invitation\.ics/).waitFor();
    const joinLink = outboxPage
      .getByRole('region', { name: 'Links in this mail' })
      .getByRole('link', { name: /\/join\// });
    const joinUrl = (await joinLink.getAttribute('href'))!;
    assert.ok(joinUrl.startsWith(`${stack.webOrigin}/join/`), joinUrl);
    await outboxPage.getByRole('tab', { name: 'HTML' }).click();
    await outboxPage.getByTitle("The mail's HTML part").waitFor();
    await axe(outboxPage, 'outbox mail page');

    // The invitation: the event's own zone and the right instant.
    const parsed = await simpleParser((await readOutboxRaw(outboxDir(), entry.id))!);
    const ics = parsed.attachments.find((a) => a.filename === 'invitation.ics')!.content.toString('utf8');
    const cal = parseIcs(ics);
    const vevent = component(cal, 'VEVENT');
    const start = property(vevent, 'DTSTART');
    assert.equal(start.params.TZID, 'America/New_York');
    assert.equal(instantOf(cal, start).toISOString(), new Date(event.startsAt).toISOString());
    assert.equal(instantOf(cal, property(vevent, 'DTEND')).toISOString(), new Date(event.endsAt).toISOString());
    assert.equal(property(vevent, 'URL').value, joinUrl);

    // Registering again answers the same, and the same link goes to that address again.
    await visitor.reload();
    await visitor.getByLabel('Your name').fill('Grace Hopper');
    await visitor.getByLabel('Your e-mail address').fill(VISITOR);
    await visitor.getByLabel(/I agree that the organizer/).check();
    await visitor.getByRole('button', { name: 'Register' }).click();
    await visitor.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const two = await mailsTo(VISITOR, 2);
    const second = await simpleParser((await readOutboxRaw(outboxDir(), two[0].id))!);
    assert.ok(second.text?.includes(joinUrl), 'the second mail holds the same link');
    assert.deepEqual(
      (await listOutbox(outboxDir())).flatMap((e) => e.to),
      [VISITOR, VISITOR],
      'nobody else got a mail',
    );

    // The link opens the join page, which plays once the presenter streams.
    publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${event.streamKey}`, 120);
    await visitor.goto(joinUrl);
    await visitor.getByText('Welcome, Grace Hopper.').waitFor();
    await visitor.getByText('You are in.').waitFor({ timeout: 60_000 });
    await visitor.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1, undefined, {
      timeout: 60_000,
      polling: 250,
    });
    assert.deepEqual(problems, []);
  });

  it('says in French when one address asked too often, and when to try again', async () => {
    const page = await open('fr-FR');
    await page.goto(event.registrationUrl);
    await page.getByRole('heading', { level: 1, name: 'Compilers for everyone' }).waitFor();
    await page.getByText('Votre heure').waitFor();
    await axe(page, 'register page in French');
    // the limit is 3 per address: three go through, the fourth is refused
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('Votre nom').fill('Alan Turing');
      await page.getByLabel('Votre adresse e-mail').fill('alan.turing@example.org');
      await page.getByLabel(/J’accepte que l’organisateur/).check();
      await page.getByRole('button', { name: 'S’inscrire' }).click();
      if (i < 3) {
        await page.getByRole('heading', { name: 'Consultez votre boîte de réception' }).waitFor();
        await page.reload();
      }
    }
    const refused = page.getByRole('alert').filter({ hasText: 'L’inscription n’a pas abouti' });
    await refused.getByText(/^Trop d’inscriptions depuis ici à l’instant\. Réessayez dans \d+ min\.$/).waitFor();
    await axe(page, 'register page refusing in French');
    assert.deepEqual(problems, []);
  });
});
