import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { eventually } from '#test-support';
import { HOUR_MS, eventBody } from './support/schedule';

// Mails leave through the queue, so an SMTP server that refuses them never fails a registration: a temporary
// refusal (4xx) is retried with backoff, a permanent one (5xx) is not, and a mail given up on is counted in /metrics.
describe('mail the SMTP server refuses', () => {
  let smtp: SMTPServer;
  let h: ControlPlaneHarness;
  let s: SeededCustomer;
  let slug: string;
  let queue: Queue;
  let connection: Redis;
  const attemptsSeen = new Map<string, number>();

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        attemptsSeen.set(address.address, (attemptsSeen.get(address.address) ?? 0) + 1);
        if (address.address.startsWith('bounce')) {
          return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
        }
        callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    h = await startControlPlane({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_JOB_ATTEMPTS: 3 });
    s = await h.seed();
    slug = (await h.api(s.organizer.token).post('/api/events', eventBody(HOUR_MS, HOUR_MS))).body.publicSlug;
    connection = new Redis(h.config.REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue('mail', { connection, prefix: h.config.REDIS_PREFIX });
  });
  after(async () => {
    await queue.close();
    connection.disconnect();
    await h.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('still registers, retries a temporary refusal, gives up at once on a permanent one, and counts both', async () => {
    for (const email of ['bounce@example.org', 'busy@example.org']) {
      const r = await h.api().post(`/api/public/events/${slug}/registrations`, { name: 'Someone', email });
      assert.equal(r.status, 202, 'the visitor is told to check the inbox: the mail is the queue’s business');
    }
    const failed = await eventually(
      async () => {
        const jobs = await queue.getFailed();
        assert.equal(jobs.length, 2);
        return jobs;
      },
      { timeout: 20_000 },
    );
    const attemptsOf = async (email: string) => {
      for (const job of failed) {
        const reg = await h.db.query<{ email: string }>('SELECT email FROM registrations WHERE id = $1', [
          (job.data as { registrationId: string }).registrationId,
        ]);
        if (reg[0]?.email === email) return job.attemptsMade;
      }
      return undefined;
    };
    assert.equal(await attemptsOf('bounce@example.org'), 1, '550: no retry');
    assert.equal(await attemptsOf('busy@example.org'), 3, '451: every attempt used');
    assert.equal(attemptsSeen.get('bounce@example.org'), 1);
    assert.equal(attemptsSeen.get('busy@example.org'), 3);

    const metrics = await h.api().get('/metrics');
    assert.match(String(metrics.body), /^mail_failed_total\{kind="confirmation"\} 2$/m);
  });

  it('keeps the development outbox to the platform operator', async () => {
    assert.equal((await h.api().get('/api/dev/outbox')).status, 401);
    const asAdmin = await h.api(s.admin.token).get('/api/dev/outbox');
    assert.equal(asAdmin.status, 403);
    assert.match(asAdmin.body.message, /operator/);
    assert.equal((await h.api(s.organizer.token).get('/api/dev/outbox/anything')).status, 403);
  });
});
