import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { eventually } from '#test-support';
import { LiveStack, exited, publish, startLiveStack } from '#test-support/live-stack';
import { describeViolations, launchChromium, seriousViolations, signIn } from './support/console-stack';

// The presenter's green room against the whole live path: a real RTMP publisher (ffmpeg, as OBS sends), ingest,
// a live transcoder writing encrypted HLS to S3, the control plane serving the web app, and Chromium. The live
// segments are 1 s and the publisher sends a keyframe every 2 s, so the page must warn about the keyframe interval;
// the cap is 14 minutes, so the page must already warn that less than 15 minutes are left.

describe("the presenter's green room", { timeout: 240_000 }, () => {
  let stack: LiveStack;
  let browser: Browser;
  before(async () => {
    stack = await startLiveStack({
      workers: 1,
      capMs: 14 * 60_000,
      controlPlane: { LIVE_SEGMENT_SECONDS: 1 },
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows OBS settings, live health and a preview, and End webcast ends it for the attendees', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent({ durationMs: 10 * 60_000 });
    const api = stack.cp.api(customer.organizer.token);
    const reg = await api.post(`/api/events/${eventId}/registrations`, {
      name: 'Grace Hopper',
      email: 'grace.hopper@example.com',
    });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));

    const context = await browser.newContext({ baseURL: stack.webOrigin, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signIn(page, customer.organizer.email, customer.organizer.password);
    await page.getByRole('link', { name: 'Live test' }).click();
    await page.getByRole('link', { name: 'Open the green room' }).click();
    await page.getByRole('heading', { level: 1, name: 'Green room: Live test' }).waitFor();

    // Before OBS connects: what to type into it.
    const health = page.getByRole('region', { name: 'Stream' });
    await health.getByRole('status').filter({ hasText: 'Waiting for OBS' }).waitFor();
    const obs = page.getByRole('region', { name: 'OBS settings' });
    assert.equal(await obs.getByLabel('Server').inputValue(), `rtmp://127.0.0.1:${stack.rtmpPort}/live`);
    await obs.getByRole('button', { name: 'Show' }).click();
    assert.equal(await obs.getByLabel('Stream key').inputValue(), streamKey);
    await obs
      .getByRole('table', { name: 'Bitrate by resolution' })
      .getByRole('row', { name: /1280×720/ })
      .waitFor();
    await page.getByText('The preview starts when OBS is connected.').waitFor();
    assert.deepEqual(await seriousViolations(page), [], describeViolations(await seriousViolations(page)));

    const publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${streamKey}`, 180);
    try {
      await health.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
      const figures = health.getByRole('definition');
      await eventually(
        async () => {
          const text = (await figures.allInnerTexts()).join(' | ');
          assert.match(text, /\b[1-9][\d,]* kbit\/s/, 'bitrate');
          assert.match(text, /640×360/, 'resolution');
          assert.match(text, /\b2 s\b/, 'keyframe interval of the publisher');
        },
        { timeout: 30_000, message: 'ingest health on the page' },
      );
      await health.getByText('Keyframe interval too long for low latency').waitFor();
      await page.getByText('Less than 15 minutes left').waitFor();

      // The preview: the same playlists and key server as viewers, and how far behind it plays.
      const video = page.getByLabel('Preview of Live test');
      await eventually(
        async () => assert.ok((await video.evaluate((v: HTMLVideoElement) => v.currentTime)) > 2, 'playing past 2 s'),
        { timeout: 60_000, message: 'the preview plays' },
      );
      await page.getByText(/About [\d.]+ s behind the live edge\./).waitFor({ timeout: 20_000 });
      const seats = page.getByRole('region', { name: 'Audience' }).getByRole('list', { name: 'Seats in use' });
      await seats.getByText(/^Included: 0 of /).waitFor();
      await page.screenshot({ path: '/tmp/green-room-live.png', fullPage: true });
      assert.deepEqual(await seriousViolations(page), [], describeViolations(await seriousViolations(page)));

      await page.getByRole('button', { name: 'End webcast' }).click();
      const dialog = page.getByRole('dialog', { name: 'End “Live test” for everyone?' });
      await dialog.getByRole('button', { name: 'End the webcast' }).click();
      await health.getByRole('status').filter({ hasText: 'Ended' }).waitFor({ timeout: 20_000 });
      assert.equal(await page.getByRole('button', { name: 'End webcast' }).count(), 0);
      await exited(publisher); // ingest dropped the presenter
      const info = await stack.cp.api().get(`/api/public/join/${reg.body.joinToken}`);
      assert.equal(info.body.state, 'ended', 'the attendee sees the webcast over');
    } finally {
      if (publisher.exitCode === null) publisher.kill('SIGKILL');
      await context.close();
    }
    assert.deepEqual(problems, []);
  });

  it('in French', async () => {
    const { customer, eventId } = await stack.liveEvent({ durationMs: 10 * 60_000 });
    const context = await browser.newContext({ baseURL: stack.webOrigin, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    try {
      // a link opened straight away: sign in first, then land on the green room
      await page.goto(`/events/${eventId}/green-room`);
      await signIn(page, customer.organizer.email, customer.organizer.password, { fromHome: false });
      await page.getByRole('heading', { level: 1, name: 'Coulisses : Live test' }).waitFor();
      await page.getByRole('region', { name: 'Flux' }).getByText('En attente d’OBS').waitFor();
      await page.screenshot({ path: '/tmp/green-room-fr.png', fullPage: true });
      assert.deepEqual(await seriousViolations(page), [], describeViolations(await seriousViolations(page)));
    } finally {
      await context.close();
    }
  });
});
