import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

// Unit tests must need no service: scripts/run-tests.js runs them in this environment, where Redis and
// PostgreSQL point at closed ports and the service binaries are missing from PATH. A unit test that reaches for
// one fails there, on every run, instead of passing quietly on a machine that happens to have them.

/** Programs a unit test must not find: media tools, databases, the browser. */
export const SERVICE_PROGRAMS = [
  'ffmpeg',
  'ffprobe',
  'redis-server',
  'redis-cli',
  'postgres',
  'psql',
  'pg_ctl',
  'chromium',
  'chromium-browser',
  'google-chrome',
] as const;

export interface IsolatedEnvironment {
  env: NodeJS.ProcessEnv;
  /** Removes the PATH folder this environment made. */
  dispose(): void;
}

/** A port nothing listens on: the OS hands it out, and it is closed again before anyone connects. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `base` with Redis and PostgreSQL at closed ports and PATH holding everything except SERVICE_PROGRAMS. */
export async function isolatedEnvironment(base: NodeJS.ProcessEnv = process.env): Promise<IsolatedEnvironment> {
  const bin = mkdtempSync(join(tmpdir(), 'unit-path-'));
  const banned = new Set<string>(SERVICE_PROGRAMS);
  const seen = new Set<string>();
  for (const dir of (base.PATH ?? '').split(delimiter).filter(Boolean)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // a PATH entry that does not exist holds nothing to shadow
    }
    for (const name of names) {
      // the first folder on PATH wins, as in a shell lookup
      if (banned.has(name) || seen.has(name)) continue;
      seen.add(name);
      symlinkSync(join(dir, name), join(bin, name));
    }
  }
  const redisPort = await closedPort();
  const pgPort = await closedPort();
  const database = `postgres://postgres@127.0.0.1:${pgPort}/test`;
  return {
    env: {
      ...base,
      PATH: bin,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      DATABASE_URL: database,
      TEST_DATABASE_URL: database,
    },
    dispose: () => rmSync(bin, { recursive: true, force: true }),
  };
}
