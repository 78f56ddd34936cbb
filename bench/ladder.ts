import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { readConfig } from '#config';
import { testSecrets } from '#test-support';
import { controlPlaneSettings, createControlPlane } from '#control-plane';
import {
  FfmpegRunner,
  FfmpegCommand,
  buildVodHlsCommand,
  chooseLadder,
  hlsKeyInfo,
  newHlsKey,
  probeSource,
} from '#media';
import { EMBEDDED_S3_CREDENTIALS, ObjectStorage, startEmbeddedS3 } from '#storage';
import { ControlPlaneKeySource, createVodWorker } from '#transcoder';
import { childCpuSeconds } from './child-cpu';
import { perRungCommands } from './ladder-baselines';

// npm run bench:ladder — the 4-rung ladder of a 20 s 1080p30 source with the project's one-decode command, against
// (a) one ffmpeg per rung one after another (PeerTube's default) and (b) one ffmpeg per rung all at once; then the
// pipeline overhead of the whole path (upload complete -> ready, minus ffmpeg's own time). Last line is the summary.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SEGMENT_S = 4;
const runner = new FfmpegRunner();

async function measure(label: string, work: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = childCpuSeconds();
  const t0 = process.hrtime.bigint();
  await work();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = childCpuSeconds() - cpu0;
  console.log(`${label.padEnd(34)} wall ${wall.toFixed(2)} s   cpu ${cpu.toFixed(2)} s`);
  return { wall, cpu };
}

async function pipelineOverhead(
  source: string,
  dir: string,
): Promise<{ overhead: number; total: number; ffmpeg: number }> {
  const s3 = await startEmbeddedS3({ dir: join(dir, 's3'), port: 0, buckets: ['bench-media'] });
  const prefix = `bench:ladder:${process.pid}`;
  const config = {
    ...readConfig(controlPlaneSettings, testSecrets()),
    PORT: 0,
    LOG_LEVEL: 'silent' as const,
    REDIS_PREFIX: prefix,
    SEED_DEMO: true,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: 'bench-media',
    S3_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.accessKey,
    S3_SECRET_KEY: EMBEDDED_S3_CREDENTIALS.secretKey,
  };
  const cp = await createControlPlane(config);
  const storage = new ObjectStorage({ endpoint: s3.endpoint, ...EMBEDDED_S3_CREDENTIALS, bucket: 'bench-media' });
  const { worker } = createVodWorker(
    {
      storage,
      runner,
      keys: new ControlPlaneKeySource(cp.url, config.INTERNAL_API_TOKEN),
      workDir: dir,
      segmentSeconds: SEGMENT_S,
      preset: 'veryfast',
      uploadParallelism: 6,
    },
    {
      redisUrl: config.REDIS_URL,
      redisPrefix: prefix,
      concurrency: 1,
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      maxStalledCount: 1,
    },
  );
  try {
    const login = (await (
      await fetch(`${cp.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada.lovelace@example.com', password: 'demo-organizer-password' }),
      })
    ).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const asset = (await (
      await fetch(`${cp.url}/api/media/assets`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'bench' }),
      })
    ).json()) as { id: string };
    const put = await fetch(`${cp.url}/api/media/assets/${asset.id}/source`, {
      method: 'PUT',
      headers: auth,
      body: readFileSync(source),
    });
    if (put.status !== 202) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
    const uploaded = Date.now();
    let ffmpegSeconds = 0;
    worker.on('completed', (_job, result) => (ffmpegSeconds = result.ffmpegSeconds));
    for (;;) {
      const a = (await (await fetch(`${cp.url}/api/media/assets/${asset.id}`, { headers: auth })).json()) as {
        state: string;
        failureReason: string;
      };
      if (a.state === 'ready') break;
      if (a.state === 'failed') throw new Error(a.failureReason);
      await new Promise((r) => setTimeout(r, 50));
    }
    const total = (Date.now() - uploaded) / 1000;
    return { overhead: total - ffmpegSeconds, total, ffmpeg: ffmpegSeconds };
  } finally {
    await worker.close();
    await cp.close();
    await s3.close();
    const redis = new Redis(config.REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ladder-'));
  try {
    const source = join(dir, 'source.mp4');
    console.log(
      `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${execFileSync('ffmpeg', ['-version']).toString().split('\n')[0]}`,
    );
    console.log(`source: ${SECONDS} s 1080p30 testsrc2 + 48 kHz tone, H.264 8 Mb/s (generating...)`);
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
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-b:v',
      '8M',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      source,
    ]);
    const info = await probeSource(source);
    const ladder = chooseLadder(info);
    console.log(
      `ladder: ${ladder.video.map((r) => `${r.name} ${r.videoKbps}k`).join(', ')} + aac ${ladder.audio?.kbps}k, x264 veryfast, ${SEGMENT_S} s AES-128 segments`,
    );
    const keyPath = join(dir, 'hls.key');
    writeFileSync(keyPath, newHlsKey());
    writeFileSync(join(dir, 'key.info'), hlsKeyInfo('https://example.invalid/key', keyPath));
    const out = (name: string) => {
      const d = join(dir, name);
      mkdirSync(d, { recursive: true });
      return d;
    };
    const run = (cmd: FfmpegCommand) => runner.run(cmd);

    const ours = await measure('project (one decode, cascade, 4 enc.)', () =>
      run(
        buildVodHlsCommand({
          input: source,
          inputFormat: info.formatName,
          outDir: out('ours'),
          ladder,
          segmentSeconds: SEGMENT_S,
          keyInfoFile: join(dir, 'key.info'),
        }),
      ),
    );
    const sequential = await measure('baseline a: per rung, sequential', async () => {
      const commands = perRungCommands(source, info.formatName, out('seq'), ladder, SEGMENT_S, join(dir, 'key.info'));
      for (const c of commands) await run(c);
    });
    const parallel = await measure('baseline b: per rung, all at once', async () => {
      await Promise.all(
        perRungCommands(source, info.formatName, out('par'), ladder, SEGMENT_S, join(dir, 'key.info')).map(run),
      );
    });
    const pipe = await pipelineOverhead(source, dir);
    console.log(
      `pipeline: upload complete -> ready ${pipe.total.toFixed(2)} s, ffmpeg ladder ${pipe.ffmpeg.toFixed(2)} s, overhead ${pipe.overhead.toFixed(2)} s (target <= 2 s)`,
    );
    const r = (x: number) => x.toFixed(2);
    console.log(
      `ladder wall_vs_sequential=${r(ours.wall / sequential.wall)} wall_vs_parallel=${r(ours.wall / parallel.wall)} cpu_vs_sequential=${r(ours.cpu / sequential.cpu)} realtime=${r(SECONDS / ours.wall)}`,
    );
  } finally {
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
