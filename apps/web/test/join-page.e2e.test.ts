import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { eventually, freePort, uniqueRedisPrefix } from '#test-support';
import { verifyPlaybackToken } from '#tokens';
import { AdmissionProcess, startAdmissionProcess } from '#test-support/admission-cluster';
import { LiveStack, exited, publish, startLiveStack } from '#test-support/live-stack';
import { describeViolations, seriousViolations } from './support/console-stack';

// The attendee's join page of the web app end to end with real parts: a live event streamed by ffmpeg over RTMP
// through ingest and a live worker, the control plane serving dist/web, an admission node process, and Chromium.
// The event holds ONE seat (limit 1, buffer 0, policy `block`), so a second attendee waits. Grace reads English,
// Alan French; both on a 390 px wide phone screen. Every state is screenshot to $TMPDIR/join-page-shots and checked by axe-core.

const SHOTS = join(tmpdir(), 'join-page-shots');
const PHONE = { width: 390, height: 844 };

interface Attendee {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

describe('the attendee join page', { timeout: 300_000 }, () => {
  let stack: LiveStack;
  let admission: AdmissionProcess;
  let admissionPort: number;
  let prefix: string;
  let browser: Browser;
  let publisher: ChildProcess | undefined;
  let eventId: string;
  let organizerToken: string;
  let streamKey: string;
  let grace: { joinUrl: string; token: string };
  let alan: { joinUrl: string; token: string };
  let alanPage: Attendee;
  const opened: Attendee[] = [];

  const admissionEnv = () => ({
    PORT: String(admissionPort),
    JOIN_TOKEN_SECRET: stack.cp.config.JOIN_TOKEN_SECRET,
    PLAYBACK_TOKEN_SECRET: stack.cp.config.PLAYBACK_TOKEN_SECRET,
    // refreshed playback tokens within the test's time (the product refreshes every 30 s)
    PLAYBACK_REFRESH_INTERVAL: '2s',
  });

  async function open(locale: 'en-GB' | 'fr-FR', url: string): Promise<Attendee> {
    const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport: PHONE });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      const text = m.text();
      if (text.includes('i18n: missing key')) problems.push(text);
      // a refused request or a node that went away is logged by Chromium itself; the page says it in words
      else if (m.type() === 'error' && !/Failed to load resource|WebSocket connection/.test(text)) {
        problems.push(`console error: ${text}`);
      }
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url);
    const a = { context, page, problems };
    opened.push(a);
    return a;
  }

  /** A screenshot of the state, and axe-core's serious findings on it (none allowed). */
  const shoot = async (a: Attendee, name: string) => {
    await a.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const vs = await seriousViolations(a.page);
    assert.deepEqual(vs, [], `${name}: ${describeViolations(vs)}`);
  };
  const currentTime = (p: Page) => p.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);
  const plays = (p: Page, past: number) =>
    p.waitForFunction((s) => (document.querySelector('video')?.currentTime ?? 0) > s, past, {
      timeout: 60_000,
      polling: 200,
    });

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    prefix = uniqueRedisPrefix('join-page');
    admissionPort = await freePort();
    stack = await startLiveStack({
      workers: 1,
      controlPlane: { REDIS_PREFIX: prefix, ADMISSION_PUBLIC_URLS: [`http://127.0.0.1:${admissionPort}`] },
    });
    admission = await startAdmissionProcess('join-page-node', prefix, admissionEnv());
    const customer = await stack.cp.seed({ attendeeLimit: 1, overagePolicy: 'block' });
    organizerToken = customer.organizer.token;
    const api = stack.cp.api(organizerToken);
    // starts in 90 s: the page counts down, and the presenter may go live up to 15 min early
    const startsAt = new Date(Date.now() + 90_000);
    const created = await api.post('/api/events', {
      title: 'Quarterly <all-hands>',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    eventId = created.body.id;
    streamKey = created.body.streamKey;
    const register = async (name: string, email: string) => {
      const r = await api.post(`/api/events/${eventId}/registrations`, { name, email, sendInvitation: false });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.ok((r.body.joinUrl as string).startsWith(`${stack.webOrigin}/join/`), r.body.joinUrl);
      return { joinUrl: r.body.joinUrl as string, token: r.body.joinToken as string };
    };
    grace = await register('Grace <Hopper>', 'grace@example.com');
    alan = await register('Alan Turing', 'alan@example.com');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    // the stream key of the new event must be known to ingest before the presenter publishes
    await stack.keyCacheRefreshed();
  });

  after(async () => {
    for (const a of opened) await a.context.close().catch(() => undefined);
    await browser?.close();
    if (publisher && publisher.exitCode === null && publisher.signalCode === null) {
      publisher.kill('SIGKILL');
      await exited(publisher);
    }
    await admission?.stop();
    await stack?.close();
  });

  it('counts down before the start, opens by itself when the presenter goes live, and plays', async () => {
    const g = await open('en-GB', grace.joinUrl);
    await g.page.getByRole('heading', { level: 1, name: 'Quarterly <all-hands>' }).waitFor();
    await g.page.getByText('Welcome, Grace <Hopper>.').waitFor();
    await g.page.getByText(/^The webcast starts in 01:\d\d\.$/).waitFor();
    // the countdown ticks
    const first = Number(await g.page.locator('[data-countdown]').getAttribute('data-countdown'));
    await eventually(
      async () => Number(await g.page.locator('[data-countdown]').getAttribute('data-countdown')) < first,
      { timeout: 5000, message: 'the countdown ticks' },
    );
    await shoot(g, 'not-started-en');
    await g.page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const keyAuth: string[] = [];
    const keyStatuses: number[] = [];
    g.page.on('request', (r) => {
      if (r.url().includes('/api/keys/')) keyAuth.push(r.headers().authorization ?? '');
    });
    g.page.on('response', (r) => {
      if (r.url().includes('/api/keys/')) keyStatuses.push(r.status());
    });
    publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${streamKey}`, 240);

    await g.page.getByText('You are in.').waitFor({ timeout: 30_000 });
    assert.equal(await g.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true);
    await g.page.getByText('1 viewer', { exact: true }).waitFor({ timeout: 10_000 });
    await g.page.getByText(/^Time left: 1 h|^Time left: \d+ min/).waitFor();
    await plays(g.page, 2);
    await shoot(g, 'admitted-en');
    assert.ok(keyStatuses.length >= 1 && keyStatuses.every((s) => s === 200), `key requests: ${keyStatuses}`);
    // only the key server got the admission node's playback token for this event, as a Bearer header
    for (const auth of keyAuth) {
      const check = verifyPlaybackToken(auth.replace(/^Bearer /, ''), stack.cp.config.PLAYBACK_TOKEN_SECRET);
      assert.ok(check.ok && check.claims.scope.id === eventId, `key request authorization ${auth}`);
    }
    // For 30 s: the page tells how far behind the presenter it is (wall clock minus hls.playingDate, from the
    // segments' EXT-X-PROGRAM-DATE-TIME), and the picture never waits for data. The figure is bench:live's to judge.
    await g.page.locator('video').evaluate((v: HTMLVideoElement) => {
      const w = window as unknown as { stalls: number };
      w.stalls = 0;
      v.addEventListener('waiting', () => w.stalls++);
    });
    const latencies: number[] = [];
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const figure = await g.page.locator('[data-latency-s]').getAttribute('data-latency-s', { timeout: 5000 });
      latencies.push(Number(figure));
    }
    assert.ok(
      latencies.every((l) => Number.isFinite(l) && l > 0 && l < 60),
      `latency figures: ${latencies.join(' ')}`,
    );
    await g.page.getByText(/^\d+\.\d s behind live$/).waitFor();
    const stalls = await g.page.evaluate(() => (window as unknown as { stalls: number }).stalls);
    assert.equal(stalls, 0, `stalls in 30 s of live playback (latency figures: ${latencies.join(' ')})`);
    // the player's controls are there
    await g.page.getByLabel('Quality').first().waitFor();
    await g.page.getByLabel('Keyboard shortcuts').waitFor();
    assert.deepEqual(g.problems, []);
  });

  it('keeps a second attendee in the waiting room at place 1 and seats them without a reload when the first leaves', async () => {
    const g = opened[0];
    alanPage = await open('fr-FR', alan.joinUrl);
    const a = alanPage;
    await a.page.getByRole('heading', { name: "Salle d'attente" }).waitFor({ timeout: 15_000 });
    await a.page.getByText('Votre rang dans la file : 1').waitFor();
    await a.page.getByText('Vous êtes le prochain.').waitFor();
    await a.page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await shoot(a, 'waiting-fr');
    await g.page.getByRole('button', { name: 'Leave the webcast' }).click();
    await g.page.getByText(/^You left the webcast/).waitFor();
    await shoot(g, 'left-en');
    await a.page.getByText("Une place s'est libérée : vous êtes connecté.").waitFor({ timeout: 15_000 });
    assert.equal(await a.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true);
    await plays(a.page, 1);
    await a.page.getByText('1 spectateur', { exact: true }).waitFor({ timeout: 10_000 });
    await shoot(a, 'admitted-fr');
    assert.deepEqual(a.problems, []);
    assert.deepEqual(g.problems, []);
  });

  it('says in words that a join link is already on 3 devices when a 4th opens it', async () => {
    // three more devices of Grace's link: they wait (Alan holds the one seat), the fourth is refused
    const devices: Attendee[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await open('en-GB', grace.joinUrl);
      await d.page.getByRole('heading', { name: 'Waiting room' }).waitFor({ timeout: 15_000 });
      devices.push(d);
    }
    const fourth = await open('en-GB', grace.joinUrl);
    await fourth.page
      .getByRole('alert')
      .getByText('This join link is already in use on 3 devices. Close the webcast on one of them, then join again.')
      .waitFor({ timeout: 15_000 });
    assert.equal(await fourth.page.getByText('device-limit').count(), 0, 'the code is not shown');
    await shoot(fourth, 'device-limit-en');
    await shoot(devices[0], 'waiting-en');
    const fr = await open('fr-FR', grace.joinUrl);
    await fr.page.getByText(/Ce lien est déjà utilisé sur 3 appareils/).waitFor({ timeout: 15_000 });
    await shoot(fr, 'device-limit-fr');
    for (const d of [...devices, fourth, fr]) {
      assert.deepEqual(d.problems, []);
      await d.context.close();
    }
  });

  it('says reconnecting when the admission connection drops, and is back in the seat after', async () => {
    const a = alanPage;
    await a.page.getByText("Une place s'est libérée : vous êtes connecté.").waitFor();
    // the node dies without a word (kill -9); a new one comes up on the same address
    await admission.stop('SIGKILL');
    await a.page.getByText('Connexion perdue — reconnexion…').waitFor({ timeout: 15_000 });
    await shoot(a, 'reconnecting-fr');
    admission = await startAdmissionProcess('join-page-node-2', prefix, admissionEnv());
    await a.page.getByText('Vous avez retrouvé votre place.').waitFor({ timeout: 20_000 });
    const t0 = await currentTime(a.page);
    await plays(a.page, t0 + 1);
    assert.deepEqual(a.problems, []);
  });

  it('ends with a message when the organizer ends the webcast, then offers the recording and plays it', async () => {
    const a = alanPage;
    const ended = await stack.cp.api(organizerToken).post(`/api/events/${eventId}/end`, {});
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    await a.page.getByRole('heading', { name: 'Le webinaire est terminé' }).waitFor({ timeout: 15_000 });
    await a.page.getByText("Merci de l'avoir suivi.").waitFor();
    await shoot(a, 'ended-fr');
    // the live worker writes the recording once the stream ended; the page offers it as soon as the API has it
    const watch = a.page.getByRole('button', { name: "Regarder l'enregistrement" });
    await watch.waitFor({ timeout: 90_000 });
    await shoot(a, 'ended-recording-fr');
    await watch.click();
    await a.page.getByText(/Vous regardez l'enregistrement\./).waitFor({ timeout: 15_000 });
    await plays(a.page, 1);
    await shoot(a, 'recording-fr');
    assert.deepEqual(a.problems, []);
  });

  it('refuses a tampered or malformed join link with a sentence, never running markup from it', async () => {
    const token = grace.token;
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    const api = await stack.cp.api().get(`/api/public/join/${encodeURIComponent(tampered)}`);
    assert.equal(api.status, 400);
    assert.match(api.body.message, /tampered/);
    // any other string, or the real token with one character changed, is refused with a reason, never a 500
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 300 }),
          fc
            .nat({ max: token.length - 1 })
            .map((i) => `${token.slice(0, i)}${token[i] === 'x' ? 'y' : 'x'}${token.slice(i + 1)}`),
        ),
        async (t) => {
          const r = await stack.cp.api().get(`/api/public/join/${encodeURIComponent(t)}`);
          assert.ok(
            [400, 401, 404].includes(r.status),
            `${JSON.stringify(t)} -> ${r.status} ${JSON.stringify(r.body)}`,
          );
          assert.equal(typeof r.body.message, 'string');
        },
      ),
      { numRuns: 100 },
    );
    const bad = await open('en-GB', `${stack.webOrigin}/join/${encodeURIComponent(tampered)}`);
    const alert = bad.page.getByRole('alert');
    await alert.getByText('This join link cannot be used').waitFor();
    await alert.getByText(/it was changed or copied incompletely/).waitFor();
    await shoot(bad, 'bad-link-en');
    await bad.page.goto(`${stack.webOrigin}/join/${encodeURIComponent('</script><img src=x onerror=window.pwned=1>')}`);
    await bad.page.getByRole('alert').getByText('This join link cannot be used').waitFor();
    assert.equal(await bad.page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    assert.equal(await bad.page.locator('img').count(), 0);
    const fr = await open('fr-FR', `${stack.webOrigin}/join/${encodeURIComponent(tampered)}`);
    await fr.page.getByText('Ce lien de participation ne peut pas être utilisé').waitFor();
    await shoot(fr, 'bad-link-fr');
    assert.deepEqual(bad.problems, []);
    assert.deepEqual(fr.problems, []);
  });
});
