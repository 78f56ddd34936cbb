import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { seedAttendanceLog } from '#test-support/attendance-log';
import type { SeededCustomer } from '#test-support/control-plane-harness';
import {
  ConsolePage,
  ConsoleStack,
  describeViolations,
  seriousViolations,
  signIn,
  startConsoleStack,
  wallTime,
} from './support/console-stack';

// Every page of the console, in English and in French: it renders its heading, i18next reports no missing key,
// and axe-core finds no serious or critical WCAG 2.2 A/AA violation (dialogs and inline errors included).

const LOCALES = [
  { locale: 'en-GB', lang: 'en' },
  { locale: 'fr-FR', lang: 'fr' },
] as const;
// The demo seed's platform operator (the console's API contract; scripts/process-table.js prints it).
const OPERATOR = { email: 'operator.demo@example.com', password: 'demo-operator-password' };

const offset = (wall: string) => {
  const off = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${wall}:00Z`))
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');
  return `${wall}:00${off || '+00:00'}`;
};

describe('every console page in both languages', { timeout: 240_000 }, () => {
  let stack: ConsoleStack;
  let s: SeededCustomer;
  let eventId: string;
  let assetId: string;
  let joinPath: string;
  let registerPath: string;

  before(async () => {
    stack = await startConsoleStack({ SEED_DEMO: true });
    s = await stack.cp.seed({ seats: 3 });
    const organizer = stack.cp.api(s.organizer.token);
    const r = await organizer.post('/api/events', {
      title: 'Quarterly all-hands',
      description: 'Results, roadmap and questions.',
      startsAt: offset(wallTime(2, 10, 0)),
      endsAt: offset(wallTime(2, 12, 0)),
      mode: 'live',
    });
    assert.equal(r.status, 201);
    eventId = r.body.id;
    const cancelled = await organizer.post('/api/events', {
      title: 'Old rehearsal',
      startsAt: offset(wallTime(3, 10, 0)),
      endsAt: offset(wallTime(3, 11, 0)),
      mode: 'on-demand',
    });
    assert.equal((await organizer.post(`/api/events/${cancelled.body.id}/cancel`)).status, 200);
    const briefing = await organizer.post('/api/events', {
      title: 'Press briefing',
      startsAt: offset(wallTime(5, 10, 0)),
      endsAt: offset(wallTime(5, 11, 0)),
      mode: 'live',
    });
    await seedAttendanceLog(stack.cp.db, briefing.body.id, { attendees: 60, hours: 1, attendeeLimit: 100 });
    // a video whose file has not been sent yet: its page needs no transcoder
    const asset = await organizer.post('/api/media/assets', { title: 'Webinar teaser' });
    assert.equal(asset.status, 201);
    assetId = asset.body.id;
    for (const name of ['Grace Hopper', 'Alan Turing']) {
      const reg = await organizer.post(`/api/events/${r.body.id}/registrations`, {
        name,
        email: `${name.split(' ')[0].toLowerCase()}@example.com`,
        sendInvitation: false,
      });
      assert.equal(reg.status, 201);
      joinPath = new URL(reg.body.joinUrl).pathname;
    }
    registerPath = new URL(r.body.registrationUrl as string).pathname;
  });
  after(async () => {
    await stack?.close();
  });

  /** Waits for the page's h1 and records axe's serious findings under `label`. */
  async function check(c: ConsolePage, label: string, found: string[]): Promise<void> {
    await c.page.getByRole('heading', { level: 1 }).first().waitFor();
    await c.page.waitForLoadState('networkidle');
    // Dialogs fade in: measure contrast once every transition has finished.
    await c.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    const lang = await c.page.evaluate(() => document.documentElement.lang);
    const vs = await seriousViolations(c.page);
    if (vs.length > 0) found.push(`${label} [${lang}]:\n${describeViolations(vs)}`);
  }

  const nav = (page: Page, name: RegExp) =>
    page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name }).click();

  it('switches the language from the header and remembers it', async () => {
    const c = await stack.open({ locale: 'en-GB' });
    await c.page.goto('/');
    await c.page.getByRole('heading', { level: 1, name: 'Webcast platform' }).waitFor();
    await c.page.getByLabel('Language').selectOption('fr');
    await c.page.getByRole('heading', { level: 1, name: 'Plateforme de webinaires' }).waitFor();
    assert.equal(await c.page.evaluate(() => document.documentElement.lang), 'fr');
    await c.page.reload();
    await c.page.getByRole('heading', { level: 1, name: 'Plateforme de webinaires' }).waitFor();
    assert.equal(await c.page.evaluate(() => localStorage.getItem('console.language')), 'fr');
    await c.page.getByLabel('Langue').selectOption('en');
    await c.page.getByRole('heading', { level: 1, name: 'Webcast platform' }).waitFor();
    assert.deepEqual(c.problems, []);
  });

  for (const { locale, lang } of LOCALES) {
    it(`public, organizer and administrator pages (${lang})`, async () => {
      const found: string[] = [];
      const c = await stack.open({ locale });
      const { page } = c;
      await page.goto('/');
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await check(c, 'home', found);
      await page.goto('/no-such-page');
      await check(c, 'not found', found);
      await page.goto(`/events/${eventId}`);
      await check(c, 'sign in (sent from a signed-in page)', found);
      await signIn(c.page, s.organizer.email, s.organizer.password, { fromHome: false });
      await check(c, 'event detail', found);
      await page.getByRole('button', { name: /rotate the stream key|changer la clé de flux/i }).click();
      await page.getByRole('dialog').waitFor();
      await check(c, 'rotate stream key dialog', found);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('link', { name: /open the green room|ouvrir les coulisses/i }).click();
      await page.getByRole('heading', { level: 1, name: /green room|coulisses/i }).waitFor();
      await check(c, 'green room', found);
      await page.getByRole('link', { name: /back to the webcast|retour au webcast/i }).click();
      await page.getByRole('link', { name: /^(edit|modifier)$/i }).click();
      await check(c, 'event edit', found);
      await nav(page, /events|événements/i);
      await check(c, 'events list', found);
      await page.getByRole('link', { name: 'Press briefing' }).click();
      await page.getByRole('link', { name: /attendance report|rapport de présence/i }).click();
      await page.getByRole('img', { name: /concurrent attendees|participants simultanés/i }).waitFor();
      await check(c, 'attendance report', found);
      await nav(page, /events|événements/i);
      await page.getByRole('link', { name: /schedule a webcast|planifier un webinaire/i }).click();
      await page.getByRole('button', { name: /schedule the webcast|planifier le webinaire/i }).click();
      await check(c, 'event form with its errors', found);
      await page.getByLabel(/^(starts|début)/i).fill(wallTime(2, 9, 0));
      await page.getByLabel(/^(ends|fin)/i).fill(wallTime(2, 17, 30));
      await check(c, 'event form, too long', found);
      await page.getByLabel(/^(ends|fin)/i).fill(wallTime(2, 11, 0));
      await page.getByRole('alert').getByRole('link', { name: 'Quarterly all-hands' }).waitFor();
      await check(c, 'event form, overlap', found);
      await nav(page, /media library|médiathèque/i);
      await check(c, 'media library', found);
      await page.getByRole('button', { name: /^(upload|envoyer)$/i }).click();
      await page.getByText(/give the video a title|donnez un titre/i).waitFor();
      await check(c, 'media upload form with its errors', found);
      await page.getByRole('link', { name: 'Webinar teaser' }).click();
      await check(c, 'media asset', found);
      await page.getByRole('button', { name: /^(delete|supprimer)$/i }).click();
      await page.getByRole('dialog').waitFor();
      await check(c, 'delete media dialog', found);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.goto(`/player/${assetId}`);
      await check(c, 'player page without a playback link', found);
      await page.goto(joinPath);
      await page.locator('[data-countdown]').waitFor();
      await check(c, 'join page, not started (countdown)', found);
      await page.goto('/join/not.a.token');
      await page.getByRole('alert').waitFor();
      await check(c, 'join page, bad link', found);
      await page.goto(registerPath);
      await page.getByRole('button', { name: /^(register|s’inscrire)$/i }).click();
      await page.getByText(/^(give your name|indiquez votre nom)\.$/i).waitFor();
      await check(c, 'registration page with its errors', found);
      await page.goto('/register/no-such-webcast');
      await page.getByRole('alert').waitFor();
      await check(c, 'registration page, unknown link', found);
      await page.goto('/orders');
      await signIn(c.page, s.organizer.email, s.organizer.password, { fromHome: false });
      await check(c, 'forbidden (organizer on /orders)', found);
      await page.getByRole('button', { name: /sign out|se déconnecter/i }).click();

      await signIn(c.page, s.admin.email, s.admin.password, { fromHome: false });
      await check(c, 'organizers', found);
      await page
        .getByRole('button', { name: /^(reassign seat|réattribuer le siège)$/i })
        .first()
        .click();
      await page.getByRole('dialog').waitFor();
      await check(c, 'reassign dialog', found);
      await page.keyboard.press('Escape');
      await nav(page, /orders|commandes/i);
      await check(c, 'orders', found);
      await nav(page, /usage|consommation/i);
      await check(c, 'usage', found);
      await nav(page, /events|événements/i);
      await check(c, 'events (administrator)', found);
      await page.goto(`/events/${randomUUID()}`);
      await signIn(c.page, s.admin.email, s.admin.password, { fromHome: false });
      await check(c, 'event not found', found);

      assert.deepEqual(found, [], found.join('\n\n'));
      assert.deepEqual(c.problems, []);
    });

    it(`platform operator pages (${lang})`, async () => {
      const found: string[] = [];
      const c = await stack.open({ locale });
      await signIn(c.page, OPERATOR.email, OPERATOR.password);
      await check(c, 'customer accounts', found);
      await c.page.getByRole('link', { name: /create a customer account|créer un compte client/i }).click();
      await c.page.getByRole('button', { name: /create the account|créer le compte/i }).click();
      await check(c, 'create account with its errors', found);
      await c.page.goto('/console/outbox');
      await check(c, 'development outbox', found);
      assert.deepEqual(found, [], found.join('\n\n'));
      assert.deepEqual(c.problems, []);
    });

    it(`integrations pages (${lang})`, async () => {
      const found: string[] = [];
      const endpoint = await stack.cp.api(s.admin.token).post('/api/webhooks', {
        url: `https://crm.example.com/hooks/${lang}`,
        eventTypes: ['asset.failed'],
      });
      assert.equal(endpoint.status, 201);
      const c = await stack.open({ locale });
      await signIn(c.page, s.admin.email, s.admin.password);
      await nav(c.page, /integrations|intégrations/i);
      await check(c, 'integrations', found);
      await c.page.getByRole('button', { name: /^(add endpoint|ajouter)$/i }).click();
      await check(c, 'add endpoint with its errors', found);
      await c.page.getByRole('link', { name: `https://crm.example.com/hooks/${lang}` }).click();
      await check(c, 'webhook endpoint', found);
      await c.page.getByRole('button', { name: /rotate the secret|renouveler le secret/i }).click();
      await c.page.getByRole('dialog').waitFor();
      await check(c, 'rotate secret dialog', found);
      assert.deepEqual(found, [], found.join('\n\n'));
      assert.deepEqual(c.problems, []);
    });
  }
});
