import { ChildProcess, spawn } from 'node:child_process';
import { Page } from 'playwright-core';
import { freePort, uniqueRedisPrefix } from '#test-support';
import { startAdmissionProcess } from '#test-support/admission-cluster';
import { openPlayer, publish, startLiveStack } from '#test-support/live-stack';
import { launchChromium } from '#web-test-support/console-stack';

// The viewer phase of bench:live: what a person watching in Chromium sees. A real stack (control plane serving the
// web app, ingest, a live worker, an admission node), ffmpeg publishing in real time over RTMP with a keyframe every
// second, and two viewers of the same stream at once:
//   - the product's join page (its player tuning), reading its own figure: wall clock minus hls.playingDate, which
//     comes from each segment's EXT-X-PROGRAM-DATE-TIME;
//   - the baseline: a bare page with hls.js and its default settings, read the same way.
// Also: stalls ('waiting' after the first frame), time to first frame from opening the page, and drift (the mean
// of the last 10 samples minus the first 10).

export interface ViewerFigures {
  samples: number[];
  stalls: number;
  firstFrameS: number;
  driftS: number;
}

export interface ViewerPhase {
  segmentSeconds: number;
  product: ViewerFigures;
  baseline: ViewerFigures;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts stalls after the first frame and notes when that frame came. */
async function watch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { bench: { stalls: number; firstFrameAt: number | null } };
    w.bench = { stalls: 0, firstFrameAt: null };
    const attach = (v: HTMLVideoElement) => {
      v.addEventListener('playing', () => (w.bench.firstFrameAt ??= performance.now()));
      v.addEventListener('waiting', () => {
        if (w.bench.firstFrameAt !== null) w.bench.stalls++;
      });
    };
    const v = document.querySelector('video');
    if (v) attach(v);
    else {
      new MutationObserver((_, o) => {
        const found = document.querySelector('video');
        if (found) {
          o.disconnect();
          attach(found);
        }
      }).observe(document.body, { childList: true, subtree: true });
    }
  });
}

async function counters(page: Page): Promise<{ stalls: number; firstFrameAt: number | null; origin: number }> {
  return page.evaluate(() => {
    const b = (window as unknown as { bench: { stalls: number; firstFrameAt: number | null } }).bench;
    return { ...b, origin: performance.timeOrigin };
  });
}

function figures(samples: number[], stalls: number, firstFrameS: number): ViewerFigures {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return { samples, stalls, firstFrameS, driftS: mean(samples.slice(-10)) - mean(samples.slice(0, 10)) };
}

export async function viewerPhase(segmentSeconds: number, seconds: number): Promise<ViewerPhase> {
  const prefix = uniqueRedisPrefix('bench-viewer');
  const admissionPort = await freePort();
  const stack = await startLiveStack({
    workers: 1,
    controlPlane: {
      REDIS_PREFIX: prefix,
      ADMISSION_PUBLIC_URLS: [`http://127.0.0.1:${admissionPort}`],
      LIVE_SEGMENT_SECONDS: segmentSeconds,
    },
  });
  const admission = await startAdmissionProcess('bench-viewer', prefix, {
    PORT: String(admissionPort),
    JOIN_TOKEN_SECRET: stack.cp.config.JOIN_TOKEN_SECRET,
    PLAYBACK_TOKEN_SECRET: stack.cp.config.PLAYBACK_TOKEN_SECRET,
  });
  const browser = await launchChromium();
  let publisher: ChildProcess | undefined;
  let baseline: Awaited<ReturnType<typeof openPlayer>> | undefined;
  try {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    const api = stack.cp.api(customer.organizer.token);
    const reg = await api.post(`/api/events/${eventId}/registrations`, {
      name: 'Bench viewer',
      email: 'viewer@example.com',
      sendInvitation: false,
    });
    if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
    publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${streamKey}`, seconds + 60, '1280x720', 1);

    // the live master exists a few seconds after go-live: both viewers open then
    let master: string | null = null;
    for (let i = 0; i < 120 && !master; i++) {
      const info = await stack.cp.api().get(`/api/public/join/${reg.body.joinToken as string}`);
      master = (info.body?.playback?.liveMasterUrl as string | null) ?? null;
      if (!master) await sleep(500);
    }
    if (!master) throw new Error('the live stream never started');
    await sleep(segmentSeconds * 3000); // the live playlist names a few segments

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const opened = Date.now();
    await page.goto(reg.body.joinUrl as string);
    await watch(page);
    baseline = await openPlayer(stack.webOrigin, master, stack.playbackToken(eventId));
    const baselineOpened = Date.now();
    await watch(baseline.page);
    await page
      .locator('[data-latency-s]')
      .waitFor({ timeout: 60_000 })
      .catch(async (e: Error) => {
        const status = await page
          .locator('[data-player-status]')
          .textContent()
          .catch(() => null);
        const state = await page
          .locator('[data-join-state]')
          .getAttribute('data-join-state')
          .catch(() => null);
        throw new Error(`the join page shows no delay figure (page: ${state}, player: ${status}): ${e.message}`);
      });

    const product: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < seconds; i++) {
      await sleep(1000);
      const [p, b] = await Promise.all([
        page
          .locator('[data-latency-s]')
          .getAttribute('data-latency-s', { timeout: 2000 })
          .catch(() => null),
        baseline.page.evaluate(() => {
          const d = (window as unknown as { hls: { playingDate: Date | null } }).hls.playingDate;
          return d ? (Date.now() - d.getTime()) / 1000 : null;
        }),
      ]);
      if (p !== null) product.push(Number(p));
      if (b !== null) base.push(b);
    }
    const pc = await counters(page);
    const bc = await counters(baseline.page);
    const ttff = (c: typeof pc, openedAt: number) =>
      c.firstFrameAt === null ? NaN : (c.origin + c.firstFrameAt - openedAt) / 1000;
    return {
      segmentSeconds,
      product: figures(product, pc.stalls, ttff(pc, opened)),
      baseline: figures(base, bc.stalls, ttff(bc, baselineOpened)),
    };
  } finally {
    publisher?.kill('SIGKILL');
    await baseline?.close();
    await browser.close();
    await admission.stop();
    await stack.close();
  }
}

/** The phase in a process of its own (a stack per process: nothing of one run is left for the next). */
export function viewerPhaseInChild(segmentSeconds: number, seconds: number): Promise<ViewerPhase> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, String(segmentSeconds), String(seconds)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"segmentSeconds"'));
      if (code === 0 && line) resolve(JSON.parse(line) as ViewerPhase);
      else reject(new Error(`the ${segmentSeconds} s viewer phase failed (exit ${code}): ${out.slice(-2000)}`));
    });
  });
}

if (require.main === module) {
  viewerPhase(Number(process.argv[2]), Number(process.argv[3])).then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
