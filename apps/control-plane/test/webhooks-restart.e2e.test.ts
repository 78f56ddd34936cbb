import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestDatabase, createTestDatabase, eventually, freePort, testSecrets, uniqueRedisPrefix } from '#test-support';
import { apiClient, deleteKeys } from '#test-support/control-plane-harness';
import { WatchedProcess } from './support/child-process';
import { WebhookReceiver, startWebhookReceiver } from '#test-support/webhook-receiver';

// A delivery survives the control plane being killed: the receiver is down, the first attempt fails, the control
// plane dies with SIGKILL while the retry waits; a new control plane on the same database and Redis delivers it.

const MAIN = resolve(__dirname, '../src/main.js');

describe('a webhook pending when the control plane is killed', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  const processes: WatchedProcess[] = [];
  const prefix = uniqueRedisPrefix('hooks-restart');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const env: Record<string, string> = {};

  before(async () => {
    db = await createTestDatabase('hooks_restart');
    receiver = await startWebhookReceiver();
    Object.assign(env, {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: db.schema,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      ...testSecrets(),
      SMTP_URL: 'smtp://127.0.0.1:9',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      // long enough that the control plane is surely dead when the retry is due
      WEBHOOK_RETRY_BASE: '4s',
    });
  });
  after(async () => {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await receiver?.close();
    await deleteKeys(redisUrl, prefix);
    await db?.drop();
  });

  async function startControlPlane(): Promise<{ p: WatchedProcess; url: string }> {
    const port = await freePort();
    const p = WatchedProcess.start(process.execPath, [MAIN], { ...env, PORT: String(port) });
    processes.push(p);
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/health`)).ok, {
      timeout: 90_000,
      interval: 250,
      message: () => `the control plane answering /health\n${p.tail()}`,
    });
    return { p, url };
  }

  const login = async (url: string, email: string, password: string) =>
    (await apiClient(url).post('/api/auth/login', { email, password })).body.accessToken as string;

  it('is delivered after the restart, with the same webhook-id, and logged as delivered', async () => {
    receiver.answer = () => 503;
    const first = await startControlPlane();
    const admin = await login(first.url, 'admin.demo@example.com', 'demo-admin-password');
    const organizer = await login(first.url, 'ada.lovelace@example.com', 'demo-organizer-password');
    const endpoint = await apiClient(first.url, admin).post('/api/webhooks', {
      url: `${receiver.url}/crm`,
      eventTypes: ['event.scheduled'],
    });
    assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
    const start = Date.now() + 30 * 24 * 3_600_000;
    const created = await apiClient(first.url, organizer).post('/api/events', {
      title: 'Quarterly results',
      mode: 'live',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await eventually(() => receiver.received.length === 1, { timeout: 15_000, message: 'the first (failed) attempt' });
    first.p.kill('SIGKILL');
    await first.p.exited;

    receiver.answer = () => 200;
    const second = await startControlPlane();
    await eventually(() => receiver.received.length === 2, {
      timeout: 60_000,
      message: () => `the retry after the restart\n${second.p.tail()}`,
    });
    const [failed, delivered] = receiver.received;
    assert.equal(delivered.id, failed.id, 'the same message, so the receiver can deduplicate');
    assert.equal(delivered.json.type, 'event.scheduled');
    assert.equal(delivered.json.data.eventId, created.body.id);
    // the receiver has the request before the control plane has written down the answer: wait for the log
    const log = await eventually(
      async () => {
        const l = (await apiClient(second.url, admin).get(`/api/webhooks/${endpoint.body.id}/deliveries`)).body;
        assert.equal(l[0]?.status, 'delivered');
        return l;
      },
      { timeout: 10_000, message: 'the delivery logged as delivered' },
    );
    assert.deepEqual(
      log[0].attemptLog.map((a: { statusCode: number }) => a.statusCode),
      [503, 200],
    );
  });
});
