import { ChildProcess, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Browser, Page, chromium } from 'playwright-core';
import { Redis } from 'ioredis';
import { LIVE_QUEUE, liveJobId, liveWorkerKey } from '#contracts';
import { EMBEDDED_S3_CREDENTIALS, EmbeddedS3, ObjectStorage, startEmbeddedS3 } from '#storage';
import { eventually } from './eventually';
import type { ControlPlaneConfig } from '#control-plane';
import { ControlPlaneClient, IngestServer } from '#ingest';
import { signPlaybackToken } from '#tokens';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from './control-plane-harness';
import { freePort } from './free-port';

// The whole live path for an end-to-end test: control plane (own schema, Redis prefix), an S3 endpoint that answers
// cross-origin GETs, ingest in this process, live workers as child processes (so a test can kill -9 one), and a
// small web origin that serves a player page and proxies the control plane (the key server) under the same origin.

const ROOT = resolve(__dirname, '../..');
const BUCKET = 'media';

export interface LiveStack {
  cp: ControlPlaneHarness;
  storage: ObjectStorage;
  s3: EmbeddedS3;
  ingest: IngestServer;
  rtmpPort: number;
  webOrigin: string;
  refusals: Array<{ reason: string }>;
  workers: ChildProcess[];
  /** LIVE_WORK_DIR of every worker: the local segments of running streams. */
  workDir: string;
  redis: Redis;
  queue: Queue;
  startWorker(): ChildProcess;
  workerPidOf(eventId: string): Promise<number | null>;
  liveJobState(eventId: string): Promise<string | null>;
  /** Resolves once ingest's key cache reloaded after this call: it then knows the keys of events changed before. */
  keyCacheRefreshed(): Promise<void>;
  playbackToken(eventId: string): string;
  /** A fresh account whose organizer has one live-mode event in its window now. */
  liveEvent(o?: {
    startsInMs?: number;
    durationMs?: number;
  }): Promise<{ customer: SeededCustomer; eventId: string; streamKey: string }>;
  close(): Promise<void>;
}

export interface LiveStackOptions {
  capMs?: number;
  graceMs?: number;
  workers?: number;
  ladder?: string;
  /** How often ingest reloads its key cache on its own (default 300 ms; event changes reload it at once anyway). */
  keyCacheRefreshMs?: number;
  /** Extra control plane settings (e.g. the Redis prefix and admission URLs of a test that runs admission nodes too). */
  controlPlane?: Partial<ControlPlaneConfig>;
  /** Ingest's limit on publishes with unknown keys per address (default: high, tests publish wrong keys on purpose). */
  publishFailureLimit?: number;
  publishFailureWindowMs?: number;
  /** Attempts of a live job (ingest's LIVE_JOB_ATTEMPTS; default 50). 1: the first failed attempt fails it for good. */
  liveJobAttempts?: number;
}

export async function startLiveStack(o: LiveStackOptions = {}): Promise<LiveStack> {
  const s3Dir = mkdtempSync(join(tmpdir(), 'live-s3-'));
  const s3 = await startEmbeddedS3({ dir: s3Dir, buckets: [BUCKET] });
  const webPort = await freePort();
  const webOrigin = `http://127.0.0.1:${webPort}`;
  const rtmpPort = await freePort();
  const cp = await startControlPlane({
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.accessKey,
    S3_SECRET_KEY: EMBEDDED_S3_CREDENTIALS.secretKey,
    S3_BUCKET: BUCKET,
    PUBLIC_BASE_URL: webOrigin,
    LIVE_RTMP_URL: `rtmp://127.0.0.1:${rtmpPort}/live`,
    LIVE_CAP_SWEEP_INTERVAL: 1000,
    ...(o.capMs ? { EVENT_MAX_DURATION: o.capMs } : {}),
    ...o.controlPlane,
  });
  const web = startWebOrigin(webPort, cp.url);
  const storage = new ObjectStorage({
    endpoint: s3.endpoint,
    accessKey: EMBEDDED_S3_CREDENTIALS.accessKey,
    secretKey: EMBEDDED_S3_CREDENTIALS.secretKey,
    bucket: BUCKET,
  });
  const refusals: Array<{ reason: string }> = [];
  const ingestDir = mkdtempSync(join(tmpdir(), 'ingest-'));
  // a worker killed with -9 leaves its local segments behind: they live under this run's folder
  const workDir = mkdtempSync(join(tmpdir(), 'live-work-'));
  const keyClient = new CountingControlPlaneClient(cp.url, cp.config.INTERNAL_API_TOKEN);
  const ingest = new IngestServer({
    host: '127.0.0.1',
    rtmpPort,
    pullBaseUrl: `rtmp://127.0.0.1:${rtmpPort}/live`,
    controlPlane: keyClient,
    redisUrl: cp.config.REDIS_URL,
    redisPrefix: cp.config.REDIS_PREFIX,
    reconnectGraceMs: o.graceMs ?? 2000,
    keyCacheRefreshMs: o.keyCacheRefreshMs ?? 300,
    healthReportMs: 1000,
    liveJobAttempts: o.liveJobAttempts ?? 50,
    dataDir: ingestDir,
    playSecret: cp.config.INTERNAL_API_TOKEN,
    publishFailureLimit: o.publishFailureLimit ?? 1000,
    liveJobCheckMs: 500,
    publishFailureWindowMs: o.publishFailureWindowMs ?? 60_000,
    log: (level, msg, fields) => {
      if (msg === 'publisher refused') refusals.push({ reason: String(fields?.reason) });
      if (process.env.LIVE_TEST_VERBOSE) {
        process.stdout.write(`ingest ${level} ${msg} ${JSON.stringify(fields ?? {})}\n`);
      }
    },
  });
  await ingest.start();
  const redis = new Redis(cp.config.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(LIVE_QUEUE, { connection: redis, prefix: cp.config.REDIS_PREFIX });
  const workers: ChildProcess[] = [];
  const startWorker = () => {
    const w = spawn(process.execPath, [join(ROOT, 'dist/transcoder/src/live/main.js')], {
      env: {
        ...process.env,
        REDIS_URL: cp.config.REDIS_URL,
        REDIS_PREFIX: cp.config.REDIS_PREFIX,
        INTERNAL_API_TOKEN: cp.config.INTERNAL_API_TOKEN,
        CONTROL_PLANE_URL: cp.url,
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.accessKey,
        S3_SECRET_KEY: EMBEDDED_S3_CREDENTIALS.secretKey,
        S3_BUCKET: BUCKET,
        LIVE_LADDER: o.ladder ?? '240',
        LIVE_X264_PRESET: 'ultrafast',
        LIVE_CONCURRENCY: '1',
        LOG_LEVEL: 'info',
        LIVE_WORK_DIR: workDir,
      },
      stdio: ['ignore', process.env.LIVE_TEST_VERBOSE ? 'inherit' : 'ignore', 'inherit'],
    });
    workers.push(w);
    return w;
  };
  for (let i = 0; i < (o.workers ?? 2); i++) startWorker();
  let slot = 0;
  return {
    cp,
    storage,
    s3,
    ingest,
    rtmpPort,
    webOrigin,
    refusals,
    workers,
    workDir,
    redis,
    queue,
    startWorker,
    async workerPidOf(eventId) {
      const v = await redis.get(liveWorkerKey(cp.config.REDIS_PREFIX, eventId));
      return v ? Number(v.split(':').pop()) : null;
    },
    async keyCacheRefreshed() {
      const startedBefore = keyClient.loadsStarted;
      await eventually(() => keyClient.lastLoadDone > startedBefore, {
        timeout: 10_000,
        message: "a reload of ingest's stream key cache",
      });
    },
    async liveJobState(eventId) {
      const job = await queue.getJob(liveJobId(eventId));
      return job ? job.getState() : null;
    },
    playbackToken: (eventId) =>
      signPlaybackToken(
        { viewer: 'live-test-viewer', scope: { kind: 'event', id: eventId } },
        cp.config.PLAYBACK_TOKEN_SECRET,
        600,
      ),
    async liveEvent(e = {}) {
      const customer = await cp.seed();
      const api = cp.api(customer.organizer.token);
      // each event a few minutes apart, so accounts never matter for overlap; starts slightly in the past
      const startsAt = new Date(Date.now() + (e.startsInMs ?? -60_000) + slot++);
      const endsAt = new Date(startsAt.getTime() + (e.durationMs ?? 3_600_000));
      const r = await api.post('/api/events', {
        title: 'Live test',
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        mode: 'live',
      });
      if (r.status !== 201) throw new Error(`could not schedule: ${r.status} ${JSON.stringify(r.body)}`);
      return { customer, eventId: r.body.id as string, streamKey: r.body.streamKey as string };
    },
    async close() {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      await ingest.stop();
      await queue.close();
      redis.disconnect();
      web.close();
      await cp.close();
      await s3.close();
      rmSync(s3Dir, { recursive: true, force: true });
      rmSync(ingestDir, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Ingest's client of the control plane, counting the key-cache loads so a test can wait for the next one. */
class CountingControlPlaneClient extends ControlPlaneClient {
  loadsStarted = 0;
  /** The number of the latest load that finished. */
  lastLoadDone = 0;

  override async streamKeys(): Promise<Array<{ streamKey: string; eventId: string }>> {
    const n = ++this.loadsStarted;
    const keys = await super.streamKeys();
    this.lastLoadDone = Math.max(this.lastLoadDone, n);
    return keys;
  }
}

/** Serves the player page and hls.js, and proxies /api to the control plane, all on one origin. */
function startWebOrigin(port: number, controlPlaneUrl: string): http.Server {
  const hlsJs = require.resolve('hls.js/dist/hls.min.js');
  const server = http.createServer((req, res) => {
    if (req.url === '/hls.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      createReadStream(hlsJs).pipe(res);
      return;
    }
    if (req.url?.startsWith('/player')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PLAYER_HTML);
      return;
    }
    const upstream = new URL(req.url ?? '/', controlPlaneUrl);
    const p = http.request(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    p.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(p);
  });
  server.listen(port, '127.0.0.1');
  return server;
}

const PLAYER_HTML = `<!doctype html><html><body><video id="v" muted autoplay playsinline></video>
<script src="/hls.min.js"></script>
<script>
  const q = new URLSearchParams(location.hash.slice(1));
  window.playerState = { errors: [], levels: 0 };
  const hls = new Hls({ xhrSetup: (xhr, url) => { if (url.includes('/api/keys/')) xhr.setRequestHeader('Authorization', 'Bearer ' + q.get('token')); } });
  hls.on(Hls.Events.ERROR, (_, d) => window.playerState.errors.push(d.details + (d.fatal ? ' (fatal)' : '')));
  hls.on(Hls.Events.MANIFEST_PARSED, (_, d) => { window.playerState.levels = d.levels.length; });
  window.hls = hls;
  hls.loadSource(q.get('src'));
  hls.attachMedia(document.getElementById('v'));
</script></body></html>`;

export interface Player {
  page: Page;
  currentTime(): Promise<number>;
  state(): Promise<{ errors: string[]; levels: number }>;
  close(): Promise<void>;
}

/** hls.js in headless Chromium playing `masterUrl`, the key fetched with the playback token. */
export async function openPlayer(webOrigin: string, masterUrl: string, token: string): Promise<Player> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
  const page = await browser.newPage();
  await page.goto(`${webOrigin}/player#src=${encodeURIComponent(masterUrl)}&token=${encodeURIComponent(token)}`);
  return {
    page,
    currentTime: () => page.evaluate(() => (document.getElementById('v') as HTMLVideoElement).currentTime),
    state: () =>
      page.evaluate(() => (window as unknown as { playerState: { errors: string[]; levels: number } }).playerState),
    close: () => browser.close(),
  };
}

/** `ffmpeg -re` publishing test video over RTMP as OBS does (H.264 High, keyframe every 2 s unless told, AAC). */
export function publish(rtmpUrl: string, seconds: number, size = '640x360', keyframeS = 2): ChildProcess {
  return spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${size}:rate=30`,
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-t',
      String(seconds),
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-tune',
      'zerolatency',
      '-g',
      String(30 * keyframeS),
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '96k',
      '-f',
      'flv',
      rtmpUrl,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

export function exited(p: ChildProcess): Promise<number | null> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(p.exitCode);
  return new Promise((r) => p.once('exit', (code) => r(code)));
}

/**
 * Decodes an HLS media playlist from object storage with ffmpeg, the key fetched from the key server with a playback
 * token. ffmpeg's -headers would go to the bucket too (which refuses a foreign Authorization header), so the token
 * travels as the key server's ?token= in a local copy of the playlist whose other URIs are made absolute.
 */
export async function decodeHls(
  url: string,
  token: string,
  maxSeconds?: number,
): Promise<{ code: number | null; seconds: number; stderr: string }> {
  const text = await (await fetch(url)).text();
  const local =
    text
      .split('\n')
      .map((line) => {
        if (line.startsWith('#EXT-X-KEY:')) {
          return line.replace(/URI="([^"]+)"/, (_, u: string) => `URI="${u}?token=${encodeURIComponent(token)}"`);
        }
        return line && !line.startsWith('#') ? new URL(line, url).href : line;
      })
      .join('\n') + (text.includes('#EXT-X-ENDLIST') ? '' : '#EXT-X-ENDLIST\n'); // a live window: decode what it names now
  const dir = mkdtempSync(join(tmpdir(), 'hls-decode-'));
  const file = join(dir, 'playlist.m3u8');
  writeFileSync(file, local);
  const args = [
    '-hide_banner',
    '-v',
    'error',
    '-protocol_whitelist',
    'file,http,https,tcp,tls,crypto',
    '-allowed_extensions',
    'ALL',
    '-i',
    file,
    ...(maxSeconds ? ['-t', String(maxSeconds)] : []),
    '-map',
    '0:v:0',
    '-f',
    'null',
    '-progress',
    'pipe:1',
    '-',
  ];
  return new Promise((resolveP) => {
    const p = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const guard = setTimeout(() => p.kill('SIGKILL'), 60_000);
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('exit', (code) => {
      clearTimeout(guard);
      rmSync(dir, { recursive: true, force: true });
      const times = [...out.matchAll(/out_time_us=(\d+)/g)].map((m) => Number(m[1]));
      resolveP({ code, seconds: times.length ? Math.max(...times) / 1e6 : 0, stderr: err });
    });
  });
}
