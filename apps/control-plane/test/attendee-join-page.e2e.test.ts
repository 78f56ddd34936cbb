import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Browser, chromium } from 'playwright-core';
import { eventually, freePort, uniqueRedisPrefix } from '#test-support';
import { verifyPlaybackToken } from '#tokens';
import { AdmissionProcess, startAdmissionProcess } from '#test-support/admission-cluster';
import { LiveStack, exited, publish, startLiveStack } from '#test-support/live-stack';
import { mailsTo } from './support/mail-outbox';

// The attendee's side end to end with real parts: a live event streamed by ffmpeg over RTMP through ingest and a
// live worker, the control plane, an admission node process, and the join page in headless Chromium. The cheapest
// path that plays: a live event (admission admits the live phase while it is live; an on-demand event stays
// `scheduled` in the control plane, which admission refuses).

interface AttendeeState {
  status: string;
  tier: string | null;
  phase: string | null;
  viewers: number | null;
  reason: string | null;
  message: string | null;
  errors: string[];
}

describe('the attendee join page', { timeout: 120_000 }, () => {
  let stack: LiveStack;
  let admission: AdmissionProcess;
  let browser: Browser;
  let publisher: ChildProcess | undefined;
  let joinUrl: string;
  let eventId: string;
  let admissionPort: number;

  before(async () => {
    const prefix = uniqueRedisPrefix('attendee');
    admissionPort = await freePort();
    stack = await startLiveStack({
      workers: 1,
      controlPlane: { REDIS_PREFIX: prefix, ADMISSION_PUBLIC_URLS: [`http://127.0.0.1:${admissionPort}`] },
    });
    admission = await startAdmissionProcess('attendee-node', prefix, {
      PORT: String(admissionPort),
      JOIN_TOKEN_SECRET: stack.cp.config.JOIN_TOKEN_SECRET,
      PLAYBACK_TOKEN_SECRET: stack.cp.config.PLAYBACK_TOKEN_SECRET,
      // refreshed playback tokens within the test's time (the product refreshes every 30 s)
      PLAYBACK_REFRESH_INTERVAL: '2s',
    });
    const live = await stack.liveEvent();
    eventId = live.eventId;
    const event = await stack.cp.api(live.customer.organizer.token).get(`/api/events/${eventId}`);
    // the link as the registrant gets it: by mail, from the public form
    const reg = await stack.cp.api().post(`/api/public/events/${event.body.publicSlug}/registrations`, {
      name: 'Grace <Hopper>',
      email: 'grace@example.com',
    });
    assert.equal(reg.status, 202, JSON.stringify(reg.body));
    const [mail] = await mailsTo(stack.cp.mailCatcher!.dir, 'grace@example.com', 1);
    joinUrl = mail.joinUrl!;
    assert.ok(joinUrl.startsWith(`${stack.webOrigin}/join/`), joinUrl);
    await stack.keyCacheRefreshed();
    publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${live.streamKey}`, 90);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    if (publisher && publisher.exitCode === null && publisher.signalCode === null) {
      publisher.kill('SIGKILL');
      await exited(publisher);
    }
    await admission?.stop();
    await stack?.close();
  });

  it('opens the join link: admitted with its tier, one viewer from the admission node, and the live stream plays', async () => {
    const token = decodeURIComponent(joinUrl.slice(joinUrl.lastIndexOf('/') + 1));
    const info = await stack.cp.api().get(`/api/public/join/${encodeURIComponent(token)}`);
    assert.equal(info.status, 200);
    assert.equal(info.body.eventId, eventId);
    assert.equal(info.body.registrantName, 'Grace <Hopper>');
    assert.equal(info.body.mode, 'live');
    assert.deepEqual(info.body.admissionUrls, [`http://127.0.0.1:${admissionPort}`]);

    // the event goes live when ingest accepts the publisher; the page can be opened before or after
    await eventually(
      async () => (await stack.cp.api().get(`/api/public/join/${encodeURIComponent(token)}`)).body.state === 'live',
      { timeout: 20_000, interval: 200, message: 'event live' },
    );
    const page = await browser.newPage();
    const keyStatuses: number[] = [];
    const keyAuth: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/keys/')) keyAuth.push(r.headers().authorization ?? '');
    });
    page.on('response', (r) => {
      if (r.url().includes('/api/keys/')) keyStatuses.push(r.status());
    });
    await page.goto(joinUrl);
    const state = (): Promise<AttendeeState> =>
      page.evaluate(() => (window as unknown as { attendeeState: AttendeeState }).attendeeState);
    await page
      .waitForFunction(() => (window as any).attendeeState?.status === 'admitted', undefined, {
        timeout: 15_000,
        polling: 100,
      })
      .catch(async (e) => {
        throw new Error(`${(e as Error).message}; page state ${JSON.stringify(await state())}`);
      });
    assert.equal((await page.textContent('#status'))?.trim(), 'admitted');
    assert.match((await page.textContent('#detail')) ?? '', /tier included/);
    assert.equal((await state()).tier, 'included');
    assert.equal((await state()).phase, 'live');
    // the registrant's name (with markup characters) shows as text, not as HTML
    assert.match((await page.textContent('#who')) ?? '', /Grace <Hopper>/);
    await page.waitForFunction(() => document.getElementById('viewers')?.textContent === '1', undefined, {
      timeout: 10_000,
      polling: 100,
    });
    // playback: the live master appears a few seconds after go-live; hls.js plays it with the key fetched by token
    await page
      .waitForFunction(() => (document.getElementById('video') as HTMLVideoElement).currentTime > 2, undefined, {
        timeout: 40_000,
        polling: 200,
      })
      .catch(async (e) => {
        throw new Error(`${(e as Error).message}; page state ${JSON.stringify(await state())}`);
      });
    assert.ok(keyStatuses.length >= 1 && keyStatuses.every((s) => s === 200), `key requests: ${keyStatuses}`);
    // the key server got the admission node's playback token for this event, as a Bearer header
    for (const auth of keyAuth) {
      const check = verifyPlaybackToken(auth.replace(/^Bearer /, ''), stack.cp.config.PLAYBACK_TOKEN_SECRET);
      assert.ok(
        check.ok && check.claims.scope.kind === 'event' && check.claims.scope.id === eventId,
        `key request authorization ${auth}`,
      );
    }
    // refreshed tokens arrive while the seat is held, and the page keeps them for its next key requests
    await page.waitForFunction(() => (window as any).attendeeState.tokenRefreshes >= 1, undefined, {
      timeout: 10_000,
      polling: 200,
    });
    await page.close();
  });

  it('refuses a tampered join link with a clear reason, in the API and on the page', async () => {
    const token = decodeURIComponent(joinUrl.slice(joinUrl.lastIndexOf('/') + 1));
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    const api = await stack.cp.api().get(`/api/public/join/${encodeURIComponent(tampered)}`);
    assert.equal(api.status, 400);
    assert.match(api.body.message, /tampered/);
    const garbage = await stack.cp.api().get(`/api/public/join/${encodeURIComponent('</script><b>x')}`);
    assert.equal(garbage.status, 400);
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

    const page = await browser.newPage();
    await page.goto(`${stack.webOrigin}/join/${encodeURIComponent(tampered)}`);
    await page.waitForFunction(() => (window as any).attendeeState?.status === 'refused', undefined, {
      timeout: 10_000,
      polling: 100,
    });
    assert.match((await page.textContent('#detail')) ?? '', /tampered/);
    // a token with markup in it stays inside the script as data
    await page.goto(`${stack.webOrigin}/join/${encodeURIComponent('</script><img src=x onerror=window.pwned=1>')}`);
    await page.waitForFunction(() => (window as any).attendeeState?.status === 'refused', undefined, {
      timeout: 10_000,
      polling: 100,
    });
    assert.equal(await page.evaluate(() => (window as any).pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
    await page.close();
  });
});
