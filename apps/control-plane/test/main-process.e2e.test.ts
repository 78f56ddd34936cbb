import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSmtpCatcher } from '#mail';
import { freePort, testSecrets, uniqueRedisPrefix } from '#test-support';
import { apiClient, deleteKeys } from '#test-support/control-plane-harness';
import { WatchedProcess } from './support/child-process';
import { mailsTo } from './support/mail-outbox';
import { HOUR_MS, eventBody } from './support/schedule';

// The built entry point as `npm start` runs it: configuration checks, embedded PGlite, the demo seed, JSON logs,
// graceful shutdown on a signal.
const MAIN = resolve(__dirname, '../src/main.js');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// This run's secrets: there are no defaults to lean on.
const secrets = testSecrets();

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // Only what the test sets: the developer's own DATABASE_URL or PORT must not leak in.
  return { PATH: process.env.PATH, HOME: process.env.HOME, REDIS_URL, ...secrets, ...extra };
}

/** Starts the built process, expects exit 1 with one line on stderr and nothing started, and returns that line. */
async function refusedStart(env: NodeJS.ProcessEnv): Promise<string> {
  const p = WatchedProcess.start(process.execPath, [MAIN], env);
  const { code } = await p.exited;
  assert.equal(code, 1, p.tail());
  const lines = p.stderr.trim().split('\n');
  assert.equal(lines.length, 1, p.stderr);
  assert.equal(p.stdout, '', 'nothing started');
  return lines[0];
}

describe('the control-plane process', () => {
  const prefix = uniqueRedisPrefix('cp-main');
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-pglite-'));
  after(async () => {
    await deleteKeys(REDIS_URL, prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [name, value, expects] of [
    ['PORT', 'eighty', /PORT="eighty" is invalid: expected .*integer 0\.\.65535/],
    ['PORT', '70000', /PORT="70000" is invalid/],
    ['JWT_SECRET', 'short', /JWT_SECRET is refused because it is shorter than 32 characters/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL="mysql:\/\/x" is invalid: expected .*postgres/],
    ['DATABASE_SCHEMA', 'x"; drop', /DATABASE_SCHEMA=.* is invalid: expected .*letters, digits and _/],
    ['EVENT_MAX_DURATION', '8 hours', /EVENT_MAX_DURATION="8 hours" is invalid: expected .*duration/],
    [
      'SMTP_URL',
      'http://mail.example.com',
      /SMTP_URL="http:\/\/mail.example.com" is invalid: expected .*smtp or smtps/,
    ],
    ['MAIL_FROM', 'not an address', /MAIL_FROM="not an address" is invalid: expected sender/],
    ['REMINDER_OFFSETS', '24h,soon', /REMINDER_OFFSETS="24h,soon" is invalid: expected .*durations/],
  ] as const) {
    it(`stops at start with one line naming ${name} when it is ${value}`, async () => {
      assert.match(await refusedStart(baseEnv({ [name]: value })), expects);
    });
  }

  it('bound to every address with no secrets, exits with one line naming the first missing one', async () => {
    const line = await refusedStart({ PATH: process.env.PATH, HOME: process.env.HOME, REDIS_URL, HOST: '0.0.0.0' });
    assert.match(line, /^config: JWT_SECRET is required: HMAC secret signing access tokens/);
  });

  it('in production, refuses each secret set to the default it once had, naming it and not echoing it', async () => {
    const oldDefaults = {
      JWT_SECRET: 'dev-jwt-secret-change-me-0123456789abcdef',
      JOIN_TOKEN_SECRET: 'dev-join-token-secret-change-me-0123456789',
      PLAYBACK_TOKEN_SECRET: 'dev-playback-token-secret-change-me-012345',
      INTERNAL_API_TOKEN: 'dev-internal-api-token-change-me',
    };
    for (const [name, value] of Object.entries(oldDefaults)) {
      const line = await refusedStart(baseEnv({ NODE_ENV: 'production', HOST: '0.0.0.0', [name]: value }));
      assert.match(line, new RegExp(`^config: ${name} is refused because it is a known placeholder`));
      assert.doesNotMatch(line, new RegExp(value));
    }
  });

  it('runs on embedded PGlite: migrates, seeds the demo logins once, keeps the data across restarts, logs JSON with request ids and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const outbox = join(dataDir, 'outbox');
    const catcher = await startSmtpCatcher({ dir: outbox });
    after(() => catcher.close());
    const env = baseEnv({
      PORT: String(port),
      PGLITE_DIR: dataDir,
      SEED_DEMO: 'true',
      REDIS_PREFIX: prefix,
      MAIL_CATCHER_PORT: String(catcher.port),
      MAIL_OUTBOX_DIR: outbox,
    });
    const api = apiClient(`http://127.0.0.1:${port}`);

    const first = WatchedProcess.start(process.execPath, [MAIN], env);
    try {
      await first.waitFor(/"msg":"control plane listening"/, 60_000);
      const health = await api.get('/health');
      assert.equal(health.status, 200);
      const organizer = await api.post('/api/auth/login', {
        email: 'ada.lovelace@example.com',
        password: 'demo-organizer-password',
      });
      assert.equal(organizer.status, 200, JSON.stringify(organizer.body));
      const admin = await api.post('/api/auth/login', {
        email: 'admin.demo@example.com',
        password: 'demo-admin-password',
      });
      assert.equal(admin.status, 200);
      const operator = await api.post('/api/auth/login', {
        email: 'operator.demo@example.com',
        password: 'demo-operator-password',
      });
      assert.equal(operator.status, 200, JSON.stringify(operator.body));
      assert.equal(operator.body.user.role, 'operator');
      const accounts = await apiClient(`http://127.0.0.1:${port}`, operator.body.accessToken).get(
        '/api/operator/accounts',
      );
      assert.equal(accounts.status, 200, JSON.stringify(accounts.body));
      assert.deepEqual(
        accounts.body.map((a: { name: string; seatsTotal: number; seatsUsed: number }) => [
          a.name,
          a.seatsTotal,
          a.seatsUsed,
        ]),
        [['Demo Organisation', 3, 1]],
      );
      const ada = apiClient(`http://127.0.0.1:${port}`, organizer.body.accessToken);
      const created = await ada.request(
        'POST',
        '/api/events',
        eventBody(HOUR_MS, 2 * HOUR_MS, { title: 'PGlite keynote' }),
        { headers: { 'x-request-id': 'pglite-smoke-1' } },
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      // The exclusion constraint behind the one-event-at-a-time rule holds on PGlite too.
      const overlap = await ada.post('/api/events', eventBody(2 * HOUR_MS, HOUR_MS));
      assert.equal(overlap.status, 409);
      assert.match(overlap.body.message, /PGlite keynote/);
      assert.equal((await ada.post('/api/events', eventBody(3 * HOUR_MS, HOUR_MS))).status, 201, 'back-to-back');
      const reg = await api.post(`/api/public/events/${created.body.publicSlug}/registrations`, {
        name: 'Alan',
        email: 'alan@example.org',
      });
      assert.equal(reg.status, 202, JSON.stringify(reg.body));
      assert.ok((await mailsTo(outbox, 'alan@example.org', 1))[0].joinUrl, 'the join link came by mail');

      await first.waitFor(/"requestId":"pglite-smoke-1"[^\n]*"status":201/, 5000);
      for (const line of first.stdout.trim().split('\n')) {
        assert.doesNotThrow(() => JSON.parse(line), `not a JSON log line: ${line}`);
      }
    } finally {
      first.kill('SIGTERM');
    }
    assert.deepEqual(await first.exited, { code: 0, signal: null });

    const second = WatchedProcess.start(process.execPath, [MAIN], env);
    try {
      await second.waitFor(/"msg":"control plane listening"/, 60_000);
      const organizer = await api.post('/api/auth/login', {
        email: 'ada.lovelace@example.com',
        password: 'demo-organizer-password',
      });
      assert.equal(organizer.status, 200);
      const events = await apiClient(`http://127.0.0.1:${port}`, organizer.body.accessToken).get('/api/events');
      assert.equal(events.body.length, 2, 'the events survived the restart');
      const admin = await api.post('/api/auth/login', {
        email: 'admin.demo@example.com',
        password: 'demo-admin-password',
      });
      const organizers = await apiClient(`http://127.0.0.1:${port}`, admin.body.accessToken).get('/api/organizers');
      assert.equal(organizers.body.length, 1, 'the demo seed ran once');
    } finally {
      second.kill('SIGINT');
    }
    assert.deepEqual(await second.exited, { code: 0, signal: null });
  });
});
