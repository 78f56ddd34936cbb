import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EMBEDDED_S3_CREDENTIALS, EmbeddedS3, ObjectStorage, startEmbeddedS3 } from '#storage';
import { eventually } from '#test-support';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import type { ControlPlaneConfig } from '#control-plane';
import { WatchedProcess } from './support/child-process';

// The on-demand stack for end-to-end tests: a real S3 endpoint over HTTP (s3rver), a real control plane, and
// transcoder processes started from the built dist like `npm start` does. Everything lives under one temp dir.

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
export const TRANSCODER_MAIN = join(ROOT, 'dist/transcoder/src/main.js');
export const BUCKET = 'media-test';

export interface MediaStack {
  cp: ControlPlaneHarness;
  customer: SeededCustomer;
  storage: ObjectStorage;
  s3: EmbeddedS3;
  dir: string;
  transcoders: WatchedProcess[];
  startTranscoder(env?: Record<string, string>): Promise<WatchedProcess>;
  /** Uploads a local file through the API (attached to an event when `eventId` is given); returns the asset id. */
  upload(path: string, title?: string, eventId?: string): Promise<string>;
  waitForState(id: string, states: string[], timeoutMs: number): Promise<any>;
  close(): Promise<void>;
}

export async function startMediaStack(
  opts: {
    transcoders?: number;
    transcoderEnv?: Record<string, string>;
    /** Extra control plane settings (webhook receivers, say). */
    controlPlane?: Partial<ControlPlaneConfig>;
  } = {},
): Promise<MediaStack> {
  const dir = mkdtempSync(join(tmpdir(), 'media-e2e-'));
  const s3 = await startEmbeddedS3({ dir: join(dir, 's3'), port: 0, buckets: [BUCKET] });
  const cp = await startControlPlane({
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.accessKey,
    S3_SECRET_KEY: EMBEDDED_S3_CREDENTIALS.secretKey,
    VOD_RETRY_BACKOFF: 500,
    ...opts.controlPlane,
  });
  const customer = await cp.seed();
  const storage = new ObjectStorage({ endpoint: s3.endpoint, ...EMBEDDED_S3_CREDENTIALS, bucket: BUCKET });
  const transcoders: WatchedProcess[] = [];
  const api = cp.api(customer.organizer.token);

  const startTranscoder = async (env: Record<string, string> = {}) => {
    const p = WatchedProcess.start(process.execPath, [TRANSCODER_MAIN], {
      PATH: process.env.PATH,
      REDIS_URL: cp.config.REDIS_URL,
      REDIS_PREFIX: cp.config.REDIS_PREFIX,
      INTERNAL_API_TOKEN: cp.config.INTERNAL_API_TOKEN,
      CONTROL_PLANE_URL: cp.url,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.accessKey,
      S3_SECRET_KEY: EMBEDDED_S3_CREDENTIALS.secretKey,
      VOD_SEGMENT_SECONDS: '2',
      VOD_WORK_DIR: dir,
      VOD_LOCK_DURATION: '4s',
      VOD_STALLED_INTERVAL: '2s',
      ...opts.transcoderEnv,
      ...env,
    });
    transcoders.push(p);
    await p.waitFor(/transcoder ready/, 20_000);
    return p;
  };
  for (let i = 0; i < (opts.transcoders ?? 1); i++) await startTranscoder();

  return {
    cp,
    customer,
    storage,
    s3,
    dir,
    transcoders,
    startTranscoder,
    async upload(path, title = 'test video', eventId?: string) {
      const created = await api.post('/api/media/assets', eventId ? { title, eventId } : { title });
      if (created.status !== 201) throw new Error(`create asset: ${created.status} ${JSON.stringify(created.body)}`);
      const body = await readFile(path);
      const put = await fetch(`${cp.url}/api/media/assets/${created.body.id}/source`, {
        method: 'PUT',
        body,
        headers: { authorization: `Bearer ${customer.organizer.token}`, 'content-type': 'application/octet-stream' },
      });
      if (put.status !== 202) throw new Error(`upload: ${put.status} ${await put.text()}`);
      return created.body.id as string;
    },
    waitForState(id, states, timeoutMs) {
      return eventually(
        async () => {
          const asset = (await api.get(`/api/media/assets/${id}`)).body;
          assert.ok(states.includes(asset.state), `asset ${id} is ${JSON.stringify(asset)}`);
          return asset;
        },
        {
          timeout: timeoutMs,
          interval: 100,
          message: () =>
            `asset ${id} ${states.join(' or ')}\n${transcoders.map((t) => t.stdout.slice(-1500) + t.stderr.slice(-1500)).join('\n---\n')}`,
        },
      );
    },
    async close() {
      for (const t of transcoders) t.kill('SIGKILL');
      await Promise.all(transcoders.map((t) => t.exited));
      await cp.close();
      await s3.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A test source from ffmpeg's generators (testsrc2 picture, sine tone), H.264/AAC in MP4. */
export async function generateSource(
  path: string,
  o: { width: number; height: number; seconds: number; fps?: number; audio?: boolean },
): Promise<void> {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${o.width}x${o.height}:rate=${o.fps ?? 30}:duration=${o.seconds}`,
  ];
  if (o.audio !== false) args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${o.seconds}`);
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30');
  if (o.audio !== false) args.push('-c:a', 'aac', '-b:a', '96k');
  args.push(path);
  await run('ffmpeg', args);
}

export async function probeDuration(target: string, extraArgs: string[] = []): Promise<number> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    ...extraArgs,
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    target,
  ]);
  return Number(stdout.trim());
}

export async function ffmpeg(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('ffmpeg', ['-hide_banner', '-nostdin', ...args], { maxBuffer: 64 * 1024 * 1024 });
}
