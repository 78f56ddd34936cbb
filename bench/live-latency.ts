import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { liveEndedKey } from '#contracts';
import { NmsBroadcast, keepStreamStart } from '#ingest';
import { buildLiveHlsCommand, chooseLiveLadder, probeLiveSource, rungsFor, toArgv } from '#media';
import { createLogger } from '#process';
import { EMBEDDED_S3_CREDENTIALS, ObjectStorage, startEmbeddedS3 } from '#storage';
import { runLiveStream } from '#transcoder';
import { controlPlaneSettings } from '#control-plane/settings';
import { ViewerPhase, viewerPhaseInChild } from './live-viewer';

// npm run bench:live — edge latency of the live pipeline and the live worker's realtime factor.
// A 1080p30 clip with a burned-in clock (its own timestamp, drawn by ffmpeg drawtext) is encoded once, then
// published in real time (-re, no encoding at publish time) over RTMP to node-media-server, as OBS would. A live worker
// (the project's runLiveStream, ladder passthrough + 720p/480p/360p) pulls it and uploads to an S3 endpoint over HTTP.
// Every second the bench reads the top rendition's live playlist from S3: the newest frame available is at media time
// = sum of the durations of every segment listed so far, published at publishStart + that media time (-re paces the
// clip at its own clock), so edge latency = now - (publishStart + media time). Runs with 2 s, then 1 s segments.
// Realtime factor: the same ladder command on the clip from disk as fast as it goes, against a decode-only pass of
// the same clip measured in the same run (the baseline).
// BENCH_SECONDS (default 60) shortens the published clip.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
/** x264 preset of the transcoded rungs (the live worker's default, LIVE_X264_PRESET). */
const PRESET = process.env.BENCH_PRESET ?? 'veryfast';
const RTMP_PORT = 19_000 + (process.pid % 1000);
/** The segment length a deployment gets by default: the figure the last line quotes is for it. */
const DEFAULT_SEGMENT_SECONDS = controlPlaneSettings.LIVE_SEGMENT_SECONDS.default ?? 2;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function makeClip(path: string): void {
  // keyframe every 1 s (OBS "keyframe interval 1"), so both 1 s and 2 s segments cut cleanly
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=1920x1080:rate=30:duration=${SECONDS}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`,
    '-vf',
    "drawtext=text='%{pts\\:hms}':fontsize=96:fontcolor=white:box=1:boxcolor=black@0.6:x=40:y=40",
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    '6000k',
    '-g',
    '30',
    '-keyint_min',
    '30',
    '-sc_threshold',
    '0',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-f',
    'flv',
    path,
  ]);
}

async function edgeLatency(
  clip: string,
  segmentSeconds: number,
  storage: ObjectStorage,
  redis: Redis,
): Promise<number[]> {
  const eventId = `bench-${segmentSeconds}s-${process.pid}`;
  const prefix = `bench:live:${process.pid}:${segmentSeconds}`;
  const outputPrefix = `live-bench/${eventId}/`;
  const streamPath = `rtmp://127.0.0.1:${RTMP_PORT}/live/${eventId}`;
  const publisher = spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-re', '-i', clip, '-c', 'copy', '-f', 'flv', streamPath],
    { stdio: 'ignore' },
  );
  const publishStart = Date.now();
  const ended = new Promise<void>((r) => publisher.once('exit', () => r()));
  void ended.then(() => setTimeout(() => void redis.set(liveEndedKey(prefix, eventId), 'presenter-stopped'), 1000));
  const run = runLiveStream(
    {
      eventId,
      assetId: eventId,
      sourceUrl: streamPath,
      outputPrefix,
      keyUri: 'https://keys.example/k',
      segmentSeconds,
      actualStartAt: new Date().toISOString(),
      maxDurationMs: 3_600_000,
    },
    {
      storage,
      redis,
      redisPrefix: prefix,
      keys: { keyFor: async () => Buffer.alloc(16, 1) },
      workDir: tmpdir(),
      rungs: rungsFor([720, 480, 360]),
      preset: PRESET,
      windowSize: 6,
      inputTimeoutMs: 45_000,
      log: createLogger({ service: 'bench', level: 'silent' }),
    },
    new AbortController().signal,
  );
  const durations = new Map<number, number>();
  const samples: number[] = [];
  let done = false;
  void ended.then(() => (done = true));
  while (!done) {
    await new Promise((r) => setTimeout(r, 1000));
    const text = await storage.get(`${outputPrefix}1080p/live.m3u8`).then(
      (b) => b.toString('utf8'),
      () => '',
    );
    if (!text) continue;
    let seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
    for (const m of text.matchAll(/#EXTINF:([\d.]+),/g)) durations.set(seq++, Number(m[1]));
    let mediaTime = 0;
    for (let i = 0; i < seq; i++) mediaTime += durations.get(i) ?? 0;
    samples.push((Date.now() - (publishStart + mediaTime * 1000)) / 1000);
  }
  await run;
  await storage.deletePrefix(outputPrefix);
  return samples.slice(3); // the first seconds measure start-up, not the steady state
}

async function ffmpegSpeed(args: string[], mediaSeconds: number): Promise<number> {
  const t0 = Date.now();
  await new Promise<void>((resolve, reject) => {
    const p = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(err.slice(-500)))));
  });
  return mediaSeconds / ((Date.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));

  /* eslint-disable @typescript-eslint/no-require-imports -- node-media-server is CommonJS without types */
  const NodeMediaServer = require('node-media-server') as new (options: Record<string, unknown>) => {
    run(): Promise<void>;
    stop(): Promise<void>;
    on(event: string, listener: (s: { broadcast: NmsBroadcast }) => void): void;
  };
  const nms = new NodeMediaServer({ bind: '127.0.0.1', rtmp: { port: RTMP_PORT }, store: { path: join(dir, 'nms') } });
  (require('node-media-server/src/core/logger.js') as { level: string }).level = 'error';
  /* eslint-enable @typescript-eslint/no-require-imports */
  // as ingest does: the worker gets the stream from its first frame, so media time 0 is the publish start
  nms.on('prePublish', (s: { broadcast: NmsBroadcast }) => keepStreamStart(s.broadcast));
  await nms.run();
  const s3 = await startEmbeddedS3({ dir: join(dir, 's3'), buckets: ['bench-live'] });
  const storage = new ObjectStorage({
    endpoint: s3.endpoint,
    accessKey: EMBEDDED_S3_CREDENTIALS.accessKey,
    secretKey: EMBEDDED_S3_CREDENTIALS.secretKey,
    bucket: 'bench-live',
  });
  const redis = new Redis({ maxRetriesPerRequest: null });
  try {
    const clip = join(dir, 'clock.flv');
    console.log(`machine: ${cpus().length} x ${cpus()[0]?.model}; clip ${SECONDS} s 1080p30 with a burned-in clock`);
    makeClip(clip);

    // realtime factor of the default ladder, against decoding the clip alone
    const source = await probeLiveSource(clip, 10_000);
    const ladder = chooseLiveLadder(source, rungsFor([720, 480, 360]));
    writeFileSync(join(dir, 'k.key'), Buffer.alloc(16, 1));
    writeFileSync(join(dir, 'k.info'), `https://k\n${join(dir, 'k.key')}\n`);
    const cmd = buildLiveHlsCommand({
      input: clip,
      outDir: join(dir, 'ladder'),
      ladder,
      segmentSeconds: 2,
      keyInfoFile: join(dir, 'k.info'),
      runId: 'r',
      preset: PRESET,
      inputTimeoutMs: 45_000,
    });
    const decode = await ffmpegSpeed(['-hide_banner', '-i', clip, '-map', '0:v', '-f', 'null', '-'], SECONDS);
    const realtime = await ffmpegSpeed(toArgv(cmd), SECONDS);
    console.log(
      `preset ${PRESET}; ladder ${ladder.renditions.map((r) => `${r.name}${r.passthrough ? '(copy)' : ''}`).join(' + ')}`,
    );
    console.log(
      `decode only (baseline): ${decode.toFixed(2)}x realtime; live ladder: ${realtime.toFixed(2)}x realtime (${(realtime / decode).toFixed(2)} of the decode-only speed)`,
    );

    const two = await edgeLatency(clip, 2, storage, redis);
    console.log(
      `2 s segments: ${two.length} samples, edge p50 ${pct(two, 50).toFixed(2)} s, p95 ${pct(two, 95).toFixed(2)} s (${(pct(two, 50) / 2).toFixed(2)} segment durations)`,
    );
    const one = await edgeLatency(clip, 1, storage, redis);
    console.log(
      `1 s segments: ${one.length} samples, edge p50 ${pct(one, 50).toFixed(2)} s, p95 ${pct(one, 95).toFixed(2)} s (${(pct(one, 50) / 1).toFixed(2)} segment durations)`,
    );
    // What the viewer sees, with the product's player and with hls.js defaults (the baseline), on each segment length.
    const viewers: ViewerPhase[] = [];
    for (const seg of [2, 1]) {
      const v = await viewerPhaseInChild(seg, SECONDS);
      viewers.push(v);
      for (const [name, f] of [
        ['join page', v.product],
        ['hls.js defaults (baseline)', v.baseline],
      ] as const) {
        console.log(
          `viewer, ${seg} s segments, ${name}: ${f.samples.length} samples, p50 ${pct(f.samples, 50).toFixed(2)} s, p95 ${pct(f.samples, 95).toFixed(2)} s, stalls ${f.stalls}, first frame ${f.firstFrameS.toFixed(2)} s, drift ${f.driftS.toFixed(2)} s`,
        );
      }
      console.log(
        `viewer, ${seg} s segments: join page p50 / baseline p50 = ${(pct(v.product.samples, 50) / pct(v.baseline.samples, 50)).toFixed(2)}`,
      );
    }
    const chosen = viewers.find((v) => v.segmentSeconds === DEFAULT_SEGMENT_SECONDS) ?? viewers[0];
    const edge = DEFAULT_SEGMENT_SECONDS === 1 ? one : two;
    console.log(
      `live viewer_p50_s=${pct(chosen.product.samples, 50).toFixed(2)} viewer_p95_s=${pct(chosen.product.samples, 95).toFixed(2)} stalls=${chosen.product.stalls} edge_p50_s=${pct(edge, 50).toFixed(2)} realtime=${realtime.toFixed(2)}`,
    );
  } finally {
    const keys = await redis.keys(`bench:live:${process.pid}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await nms.stop();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
