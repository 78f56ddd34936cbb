import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { eventually, freePort, uniqueRedisPrefix } from '#test-support';
import { AdmissionProcess, startAdmissionProcess } from '#test-support/admission-cluster';
import type { SeededCustomer } from '#test-support/control-plane-harness';
import { VodWorker, startVodWorker } from '#test-support/vod-worker';
import {
  ConsolePage,
  ConsoleStack,
  describeViolations,
  seriousViolations,
  startConsoleStack,
} from './support/console-stack';

// Simulive end to end: an on-demand event marked "play as live" with a real 40 s video (transcoded by a real
// worker), opened by the control plane by itself at its start time, two attendees in Chromium (English and
// French) joining 10 s apart through a real admission node, and the end of the broadcast when the video ends.

const run = promisify(execFile);
const VIDEO_S = 40;
const SHOTS = process.env.SIMULIVE_SCREENSHOTS === '1';

describe('a simulive webcast (on demand, played as live)', { timeout: 300_000 }, () => {
  let stack: ConsoleStack;
  let worker: VodWorker;
  let admission: AdmissionProcess;
  let s: SeededCustomer;
  let dir: string;
  let eventId: string;
  const links: string[] = [];

  const api = () => stack.cp.api(s.organizer.token);
  const currentTime = (p: Page) => p.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);
  const plays = (p: Page, past = 0.5) =>
    p.waitForFunction((t) => (document.querySelector('video')?.currentTime ?? 0) > t, past, {
      timeout: 60_000,
      polling: 200,
    });
  /** Where the broadcast is now, by the server's account of when it opened. */
  const broadcastPosition = async () => {
    const e = await api().get(`/api/events/${eventId}`);
    return (Date.now() - Date.parse(e.body.actualStartAt as string)) / 1000;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'simulive-'));
    const source = join(dir, 'keynote.mp4');
    await run('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=25:duration=${VIDEO_S}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${VIDEO_S}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25'],
      ...['-c:a', 'aac', '-b:a', '64k', source],
    ]);
    const prefix = uniqueRedisPrefix('simulive');
    const admissionPort = await freePort();
    stack = await startConsoleStack({
      REDIS_PREFIX: prefix,
      ADMISSION_PUBLIC_URLS: [`http://127.0.0.1:${admissionPort}`],
    });
    admission = await startAdmissionProcess('simulive-node', prefix, {
      PORT: String(admissionPort),
      JOIN_TOKEN_SECRET: stack.cp.config.JOIN_TOKEN_SECRET,
      PLAYBACK_TOKEN_SECRET: stack.cp.config.PLAYBACK_TOKEN_SECRET,
    });
    worker = await startVodWorker(stack.cp);
    s = await stack.cp.seed({ attendeeLimit: 5, overagePolicy: 'block' });

    // A simulive event starting in 20 s: the control plane opens it by itself then (or as soon as its video is ready).
    const startsAt = Date.now() + 20_000;
    const created = await api().post('/api/events', {
      title: 'Keynote (played as live)',
      mode: 'on-demand',
      playAsLive: true,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 3_600_000).toISOString(),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.playAsLive, true);
    eventId = created.body.id;

    const asset = await api().post('/api/media/assets', { title: 'Keynote', eventId });
    assert.equal(asset.status, 201, JSON.stringify(asset.body));
    const put = await fetch(`${stack.cp.url}/api/media/assets/${asset.body.id}/source`, {
      method: 'PUT',
      body: readFileSync(source),
      headers: { authorization: `Bearer ${s.organizer.token}`, 'content-type': 'application/octet-stream' },
    });
    assert.equal(put.status, 202, await put.text());
    for (const [name, email] of [
      ['Ada Lovelace', 'ada@example.com'],
      ['Émilie du Châtelet', 'emilie@example.com'],
    ]) {
      const r = await api().post(`/api/events/${eventId}/registrations`, { name, email, sendInvitation: false });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      links.push(r.body.joinUrl as string);
    }
  });
  after(async () => {
    await stack?.close();
    await worker?.stop();
    await admission?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses "play as live" on a live-mode event with a sentence', async () => {
    const r = await api().post('/api/events', {
      title: 'Town hall',
      mode: 'live',
      playAsLive: true,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(JSON.stringify(r.body.message), /only an on-demand event can be played as live/);
  });

  it('opens by itself; two attendees 10 s apart see the same moment, cannot seek ahead, and hold live seats', async () => {
    const live = await eventually(
      async () => {
        const e = await api().get(`/api/events/${eventId}`);
        assert.equal(e.body.state, 'live', JSON.stringify(e.body));
        return e.body;
      },
      { timeout: 120_000, interval: 250, message: () => `the simulive event did not open\n${worker.output()}` },
    );
    assert.ok(Date.parse(live.actualStartAt) >= Date.parse(live.startsAt), 'not opened before its start time');

    const ada: ConsolePage = await stack.open({ locale: 'en-GB' });
    await ada.page.goto(links[0]);
    await ada.page.getByText('Played as live: everyone watches the same moment, as in a live broadcast.').waitFor();
    await plays(ada.page);
    // Ada joined late: she starts where the broadcast is, not at the beginning.
    const adaStart = await currentTime(ada.page);
    const expected = await broadcastPosition();
    assert.ok(Math.abs(adaStart - expected) <= 1.5, `Ada at ${adaStart} s, the broadcast at ${expected} s`);

    await new Promise((r) => setTimeout(r, 10_000));
    const emilie = await stack.open({ locale: 'fr-FR' });
    await emilie.page.goto(links[1]);
    await emilie.page.getByText('Diffusé comme en direct : tout le monde voit le même moment').waitFor();
    await plays(emilie.page, 10);
    // Both settled at the broadcast: the same moment within a second, read at once in both browsers.
    await eventually(
      async () => {
        const [a, e] = await Promise.all([currentTime(ada.page), currentTime(emilie.page)]);
        assert.ok(Math.abs(a - e) <= 1, `Ada at ${a} s, Émilie at ${e} s`);
      },
      { timeout: 10_000, interval: 500 },
    );

    // Seeking ahead (the timeline, a script) puts the viewer back at the broadcast.
    for (const page of [ada.page, emilie.page]) {
      await page.locator('video').evaluate((v: HTMLVideoElement) => {
        v.currentTime = v.currentTime + 15;
      });
      await eventually(
        async () => {
          const [t, b] = [await currentTime(page), await broadcastPosition()];
          assert.ok(t <= b + 1, `after seeking ahead: at ${t} s, the broadcast at ${b} s`);
        },
        { timeout: 5000, interval: 250 },
      );
    }
    // The keyboard does not skip either: the right arrow is not a shortcut here.
    await ada.page.locator('video').focus();
    const before = await currentTime(ada.page);
    await ada.page.keyboard.press('ArrowRight');
    assert.ok((await currentTime(ada.page)) < before + 2, 'the right arrow did not skip ahead');

    // Admission counts them as seats of a live webcast.
    const capacity = await api().get(`/api/events/${eventId}/capacity`);
    assert.equal(capacity.status, 200, JSON.stringify(capacity.body));
    assert.equal(capacity.body.state, 'live');
    assert.equal(capacity.body.included, 2, JSON.stringify(capacity.body));

    if (SHOTS) {
      await ada.page.screenshot({ path: '/tmp/simulive-en.png', fullPage: true });
      await emilie.page.screenshot({ path: '/tmp/simulive-fr.png', fullPage: true });
    }
    for (const p of [ada, emilie]) {
      const vs = await seriousViolations(p.page);
      assert.deepEqual(vs, [], describeViolations(vs));
      assert.deepEqual(p.problems, []);
    }

    // The broadcast ends with its video: the event ends, and the pages say so.
    const ended = await eventually(
      async () => {
        const e = await api().get(`/api/events/${eventId}`);
        assert.equal(e.body.state, 'ended', JSON.stringify(e.body));
        return e.body;
      },
      { timeout: (VIDEO_S + 30) * 1000, interval: 500 },
    );
    assert.equal(ended.endReason, 'recording-ended');
    const lasted = (Date.parse(ended.endedAt) - Date.parse(ended.actualStartAt)) / 1000;
    assert.ok(lasted >= VIDEO_S - 1 && lasted <= VIDEO_S + 5, `the broadcast lasted ${lasted} s`);
    await ada.page.getByRole('heading', { name: 'The webcast has ended' }).waitFor({ timeout: 20_000 });
  });
});
