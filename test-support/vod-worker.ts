import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ControlPlaneHarness } from './control-plane-harness';
import { eventually } from './eventually';

// One on-demand transcoder (the built transcoder/src/main.js, as `npm start` runs it) working for a test's control
// plane: its Redis prefix, its object storage, its internal token. For tests of pages that upload a real video.

const TRANSCODER_MAIN = resolve(__dirname, '../transcoder/src/main.js');

export interface VodWorker {
  /** What it printed so far (a failed wait shows it). */
  output(): string;
  stop(): Promise<void>;
}

export async function startVodWorker(cp: ControlPlaneHarness, env: Record<string, string> = {}): Promise<VodWorker> {
  const c = cp.config;
  const workDir = mkdtempSync(join(tmpdir(), 'vod-worker-'));
  const child = spawn(process.execPath, [TRANSCODER_MAIN], {
    env: {
      PATH: process.env.PATH,
      REDIS_URL: c.REDIS_URL,
      REDIS_PREFIX: c.REDIS_PREFIX,
      INTERNAL_API_TOKEN: c.INTERNAL_API_TOKEN,
      CONTROL_PLANE_URL: cp.url,
      S3_ENDPOINT: c.S3_ENDPOINT,
      S3_BUCKET: c.S3_BUCKET,
      S3_ACCESS_KEY: c.S3_ACCESS_KEY,
      S3_SECRET_KEY: c.S3_SECRET_KEY,
      VOD_SEGMENT_SECONDS: '2',
      VOD_WORK_DIR: workDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await eventually(() => /transcoder ready/.test(out) || child.exitCode !== null, {
      timeout: 20_000,
      message: () => `the transcoder to be ready\n${out.slice(-3000)}`,
    });
    if (!/transcoder ready/.test(out)) {
      throw new Error(`the transcoder exited (${child.exitCode}):\n${out.slice(-3000)}`);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { output: () => out, stop };
}
