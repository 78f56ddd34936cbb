// bench:web: (a) the console's initial JavaScript, gzipped (the entry and the chunks dist/web/index.html preloads)
// against the 250 KB target; (b) navigation to the attendance report of an 8-hour event with 5,000 attendees until
// its chart is drawn, as a ratio to the events list in the same run (median of RUNS, Chromium); (c) the report
// endpoint's latency as a ratio to GET /health.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seedAttendanceLog } from '#test-support/attendance-log';
import { apiClient } from '#test-support/control-plane-harness';
import { ConsoleStack, signIn, startConsoleStack } from '#web-test-support/console-stack';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_KB = 250;
const WEB = resolve(__dirname, '../../dist/web');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The entry script and every modulepreload of index.html, each gzipped as a server would send it. */
export function initialJsGzipKb(webDir = WEB): { kb: number; files: number } {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]);
  const bytes = srcs.reduce((sum, src) => sum + gzipSync(readFileSync(join(webDir, src)), { level: 9 }).length, 0);
  return { kb: bytes / 1024, files: srcs.length };
}

/**
 * One client-side navigation in a fresh, signed-in profile (so no query is cached and the page's chunks come over
 * the network): from a neutral page to `path`, until `drawn` holds, measured in the page on animation frames.
 */
async function navigationMs(
  stack: ConsoleStack,
  login: { email: string; password: string },
  path: string,
  drawn: string,
): Promise<number> {
  const c = await stack.open();
  try {
    await c.page.goto('/media');
    await signIn(c.page, login.email, login.password, { fromHome: false });
    await c.page.getByRole('heading', { level: 1 }).first().waitFor();
    await c.page.waitForLoadState('networkidle');
    const ms = await c.page.evaluate(
      ({ path, drawn }) =>
        new Promise<number>((done, fail) => {
          const t0 = performance.now();
          // react-router follows the browser's history: a pushed entry and its popstate is a link click.
          history.pushState(null, '', path);
          window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
          const check = () => {
            if (document.querySelector(drawn)) done(performance.now() - t0);
            else if (performance.now() - t0 > 60_000) fail(new Error(`${drawn} never appeared`));
            else requestAnimationFrame(check);
          };
          check();
        }),
      { path, drawn },
    );
    if (c.problems.length > 0) throw new Error(c.problems.join('\n'));
    return ms;
  } finally {
    await c.close();
  }
}

async function latencyMs(call: () => Promise<number>, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const status = await call();
    if (status !== 200) throw new Error(`status ${status}`);
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `bench:web, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${RUNS} runs`,
  );
  const js = initialJsGzipKb();
  console.log(
    `initial JS (entry + ${js.files - 1} preloaded chunks, gzip -9): ${js.kb.toFixed(1)} KB  (target <= ${TARGET_KB} KB: ${js.kb <= TARGET_KB ? 'met' : 'MISSED'})`,
  );

  const stack = await startConsoleStack();
  try {
    const s = await stack.cp.seed({ attendeeLimit: 5000 });
    const start = Date.now() + 2 * 86_400_000;
    const r = await stack.cp.api(s.organizer.token).post('/api/events', {
      title: 'All-day summit',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 8 * 3_600_000).toISOString(),
      mode: 'live',
      attendeeLimit: 5000,
    });
    if (r.status !== 201) throw new Error(`event: ${r.status} ${JSON.stringify(r.body)}`);
    const id = r.body.id as string;
    const seeded = await seedAttendanceLog(stack.cp.db, id, { attendees: 5000, hours: 8 });
    console.log(
      `event: 8 h, 5,000 attendees, ${seeded.sessions} sessions, ${seeded.lines} log lines, peak ${seeded.peak.concurrent}`,
    );

    const login = { email: s.organizer.email, password: s.organizer.password };
    const list: number[] = [];
    const report: number[] = [];
    // Alternated, so a change of machine load weighs on both pages alike.
    for (let i = 0; i < RUNS; i++) {
      list.push(await navigationMs(stack, login, '/events', `a[href="/events/${id}"]`));
      report.push(
        await navigationMs(stack, login, `/events/${id}/report`, 'svg[data-testid="attendance-chart"] path[d^="M"]'),
      );
    }
    const listMs = median(list);
    const reportMs = median(report);
    console.log(
      `navigation to drawn: events list ${listMs.toFixed(0)} ms (baseline), report chart ${reportMs.toFixed(0)} ms = ${(reportMs / listMs).toFixed(2)} x the list (medians; report runs ${report.map((x) => x.toFixed(0)).join(', ')} ms)`,
    );

    const anon = apiClient(stack.cp.url);
    const organizer = apiClient(stack.cp.url, s.organizer.token);
    await latencyMs(() => organizer.get(`/api/events/${id}/attendance`).then((x) => x.status), 2); // warm up
    const healthMs = await latencyMs(() => anon.get('/health').then((x) => x.status), 40);
    const reportApiMs = await latencyMs(() => organizer.get(`/api/events/${id}/attendance`).then((x) => x.status), 15);
    const seriesMs = await latencyMs(
      () => organizer.get(`/api/events/${id}/attendance/series?points=1200`).then((x) => x.status),
      15,
    );
    console.log(
      `GET /health ${healthMs.toFixed(1)} ms (baseline); GET /api/events/:id/attendance ${reportApiMs.toFixed(1)} ms = ${(reportApiMs / healthMs).toFixed(1)} x; GET …/attendance/series?points=1200 ${seriesMs.toFixed(1)} ms = ${(seriesMs / healthMs).toFixed(1)} x (medians)`,
    );
  } finally {
    await stack.close();
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
