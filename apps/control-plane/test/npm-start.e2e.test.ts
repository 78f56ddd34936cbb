import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jwt from 'jsonwebtoken';
import { freePort, uniqueRedisPrefix, processAlive } from '#test-support';
import { apiClient, deleteKeys } from '#test-support/control-plane-harness';
import { mailsTo } from './support/mail-outbox';
import { HOUR_MS, eventBody } from './support/schedule';
import { WatchedProcess } from './support/child-process';

// README's `npm start`, as a fresh clone would run it (the build already exists when tests run: SKIP_BUILD=1).
const ROOT = resolve(__dirname, '../../../..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

// start.js runs `npm ci` when node_modules looks older than the lock file; in a shared working tree that would
// pull the modules out from under everyone else's tests, so this test does not run then.
const installWouldRun = (() => {
  try {
    return (
      statSync(join(ROOT, 'package-lock.json')).mtimeMs >
      statSync(join(ROOT, 'node_modules', '.package-lock.json')).mtimeMs
    );
  } catch {
    return true;
  }
})();

const skip = installWouldRun ? 'node_modules is older than package-lock.json: npm start would reinstall' : false;

describe('npm start', () => {
  const prefix = uniqueRedisPrefix('npm-start');
  const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  after(async () => {
    await deleteKeys(REDIS_URL, prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });
  // what the first start leaves for the restart to check
  let env: NodeJS.ProcessEnv | undefined;
  let firstSecrets: string | undefined;
  let firstAccessToken: string | undefined;

  it(
    'brings the control plane up, the printed demo login works against /api, and Ctrl-C stops every process',
    { skip },
    async () => {
      const port = await freePort();
      // Every port npm start would otherwise take by default, so this runs beside a developer's own npm start.
      const ports = {
        S3_EMBEDDED_PORT: String(await freePort()),
        ADMISSION_PORTS: `${await freePort()},${await freePort()}`,
        RTMP_PORT: String(await freePort()),
        INGEST_HTTP_PORT: String(await freePort()),
        MAIL_CATCHER_PORT: String(await freePort()),
      };
      env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SKIP_BUILD: '1',
        DATA_DIR: dataDir,
        PORT: String(port),
        REDIS_URL,
        REDIS_PREFIX: prefix,
        ...ports,
      };
      const start = WatchedProcess.start(process.execPath, ['scripts/start.js'], env, ROOT);
      let pids: number[];
      try {
        await start.waitFor(/Ctrl-C stops every process/, 120_000);
        pids = childPids(start.child.pid!);
        assert.ok(pids.length >= 1, 'at least the control plane runs');
        const apiUrl = /API (http:\/\/\S+\/api)/.exec(start.stdout)?.[1];
        const login = /organizer (\S+@\S+) \/ (\S+)/.exec(start.stdout);
        assert.ok(
          apiUrl && login,
          `banner shows the API URL and the demo organizer login:\n${start.stdout.slice(-1500)}`,
        );
        const r = await apiClient(apiUrl.replace(/\/api$/, '')).post('/api/auth/login', {
          email: login[1],
          password: login[2],
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const me = await apiClient(apiUrl.replace(/\/api$/, ''), r.body.accessToken).get('/api/auth/me');
        assert.equal(me.body.role, 'organizer');
        // without SMTP_URL the mails land in the embedded catcher's outbox, which the banner names
        assert.match(start.stdout, /outbox http:\/\/127\.0\.0\.1:\d+\/console\/outbox/);
        const base = apiUrl.replace(/\/api$/, '');
        const created = await apiClient(base, r.body.accessToken).post('/api/events', eventBody(HOUR_MS, HOUR_MS));
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const registered = await apiClient(base).post(`/api/public/events/${created.body.publicSlug}/registrations`, {
          name: 'Newcomer',
          email: 'newcomer@example.org',
        });
        assert.equal(registered.status, 202, JSON.stringify(registered.body));
        const [mail] = await mailsTo(join(dataDir, 'outbox'), 'newcomer@example.org', 1);
        assert.ok(mail.joinUrl, 'the join link came to the outbox');
        const admin = /admin\s+(\S+@\S+) \/ (\S+)/.exec(start.stdout);
        assert.ok(admin);
        assert.equal(
          (
            await apiClient(apiUrl.replace(/\/api$/, '')).post('/api/auth/login', {
              email: admin[1],
              password: admin[2],
            })
          ).status,
          200,
        );
        const operator = /operator\s+(\S+@\S+) \/ (\S+)/.exec(start.stdout);
        assert.ok(operator, 'the banner shows the demo operator login');
        const op = await apiClient(apiUrl.replace(/\/api$/, '')).post('/api/auth/login', {
          email: operator[1],
          password: operator[2],
        });
        assert.equal(op.status, 200, JSON.stringify(op.body));
        assert.equal(op.body.user.role, 'operator');

        // the secrets it made: owner-only, strong, one per kind, and no default string accepted in their place
        const secretsFile = join(dataDir, 'secrets.json');
        assert.equal(statSync(secretsFile).mode & 0o777, 0o600);
        firstSecrets = readFileSync(secretsFile, 'utf8');
        const secrets = JSON.parse(firstSecrets) as Record<string, string>;
        assert.deepEqual(Object.keys(secrets).sort(), [
          'INTERNAL_API_TOKEN',
          'JOIN_TOKEN_SECRET',
          'JWT_SECRET',
          'PLAYBACK_TOKEN_SECRET',
        ]);
        assert.equal(new Set(Object.values(secrets)).size, 4);
        for (const value of Object.values(secrets)) assert.ok(value.length >= 64, 'at least 48 random bytes');
        assert.match(start.stdout, /made JWT_SECRET, .* into .*secrets\.json \(mode 0600/);
        const forged = jwt.sign(
          { typ: 'access', aud: 'webcast:api', tv: 0 },
          'dev-jwt-secret-change-me-0123456789abcdef',
          { algorithm: 'HS256', subject: me.body.id, expiresIn: 600 },
        );
        const withForged = await apiClient(base, forged).get('/api/auth/me');
        assert.equal(withForged.status, 401, 'an access token signed with the old default secret');
        firstAccessToken = r.body.accessToken;
      } finally {
        start.kill('SIGINT');
      }
      const exit = await start.exited;
      assert.equal(exit.code, 0, start.stderr.slice(-2000));
      assert.deepEqual(pids.filter(processAlive), [], 'every child process has exited');
    },
  );

  it(
    'starts again on the same secrets: the file is unchanged and a session from before still works',
    { skip },
    async () => {
      assert.ok(env && firstSecrets && firstAccessToken, 'the first start ran');
      const again = WatchedProcess.start(process.execPath, ['scripts/start.js'], env, ROOT);
      try {
        await again.waitFor(/Ctrl-C stops every process/, 120_000);
        assert.doesNotMatch(again.stdout, /made .*secrets\.json/);
        assert.equal(readFileSync(join(dataDir, 'secrets.json'), 'utf8'), firstSecrets);
        const me = await apiClient(`http://127.0.0.1:${env.PORT}`, firstAccessToken).get('/api/auth/me');
        assert.equal(me.status, 200, 'signed with the JWT_SECRET kept from the first start');
      } finally {
        again.kill('SIGINT');
      }
      assert.equal((await again.exited).code, 0, again.stderr.slice(-2000));
    },
  );
});
