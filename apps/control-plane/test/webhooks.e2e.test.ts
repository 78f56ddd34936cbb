import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WEBHOOK_EVENT_TYPES } from '#domain';
import { eventually } from '#test-support';
import { MediaStack, generateSource, startMediaStack } from './media-stack';
import { WebhookReceiver, startWebhookReceiver } from '#test-support/webhook-receiver';
import { mailsTo } from './support/mail-outbox';

// Webhooks as a customer's receiver sees them: a real HTTP server on loopback, real transcodes (a video that plays,
// a file that does not), an on-demand event opened, ended and reported, and every signature checked with the
// Standard Webhooks reference library.

const HOUR = 3_600_000;
const WEBHOOK_SETTINGS = {
  WEBHOOK_ALLOW_HTTP: true,
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: true,
  WEBHOOK_RETRY_BASE: 500,
  WEBHOOK_RETRY_MAX_GAP: 4000,
  // a delivery is given up after 6 s, and an endpoint failing at a second given-up delivery is switched off
  WEBHOOK_RETRY_FOR: 6000,
  WEBHOOK_DISABLE_AFTER: 1,
  WEBHOOK_REPORT_DELAY: 300,
};

describe('webhooks', { timeout: 240_000 }, () => {
  let stack: MediaStack;
  let receiver: WebhookReceiver;

  before(async () => {
    stack = await startMediaStack({ transcoders: 1, controlPlane: WEBHOOK_SETTINGS });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver?.close();
    await stack?.close();
  });

  const admin = () => stack.cp.api(stack.customer.admin.token);
  const organizer = () => stack.cp.api(stack.customer.organizer.token);
  const at = (path: string) => receiver.received.filter((r) => r.path.endsWith(path));

  it('delivers every event type to the endpoints that subscribe to it, signed, and nothing else', async () => {
    receiver.received.length = 0;
    const all = await admin().post('/api/webhooks', {
      url: `${receiver.url}/all`,
      description: 'everything but changes',
      eventTypes: WEBHOOK_EVENT_TYPES.filter((t) => t !== 'event.changed'),
    });
    assert.equal(all.status, 201, JSON.stringify(all.body));
    assert.match(all.body.secret, /^whsec_/);
    const changes = await admin().post('/api/webhooks', {
      url: `${receiver.url}/changes`,
      eventTypes: ['event.changed'],
    });
    assert.equal(changes.status, 201, JSON.stringify(changes.body));
    const listed = await admin().get('/api/webhooks');
    assert.equal(listed.body.length, 2);
    assert.equal(listed.body[0].secret, undefined, 'the secret is shown once, never listed');

    // scheduled, changed, a registrant, a video that plays and a file that does not, opened, ended, reported
    const now = Date.now();
    const created = await organizer().post('/api/events', {
      title: 'Product tour (recorded)',
      mode: 'on-demand',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + HOUR).toISOString(),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const eventId = created.body.id as string;
    const streamKey = created.body.streamKey as string;
    assert.equal((await organizer().patch(`/api/events/${eventId}`, { title: 'Product tour' })).status, 200);
    const reg = await organizer().post(`/api/events/${eventId}/registrations`, {
      name: 'Katherine Johnson',
      email: 'katherine.johnson@example.com',
      sendInvitation: false,
    });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const source = join(stack.dir, 'tour.mp4');
    await generateSource(source, { width: 320, height: 180, seconds: 2 });
    const assetId = await stack.upload(source, 'tour', eventId);
    const broken = join(stack.dir, 'broken.mp4');
    await writeFile(broken, Buffer.alloc(64 * 1024, 7));
    const brokenId = await stack.upload(broken, 'not a video');
    assert.equal((await stack.waitForState(assetId, ['ready', 'failed'], 90_000)).state, 'ready');
    assert.equal((await stack.waitForState(brokenId, ['ready', 'failed'], 90_000)).state, 'failed');
    assert.equal((await organizer().post(`/api/events/${eventId}/start`, {})).status, 200);
    assert.equal((await organizer().post(`/api/events/${eventId}/end`, {})).status, 200);
    const later = await organizer().post('/api/events', {
      title: 'Town hall',
      mode: 'live',
      startsAt: new Date(now + 2 * HOUR).toISOString(),
      endsAt: new Date(now + 3 * HOUR).toISOString(),
    });
    assert.equal((await organizer().post(`/api/events/${later.body.id}/cancel`, {})).status, 200);

    const expected = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'event.changed' && t !== 'recording.ready');
    const atAll = await eventually(
      () => {
        const got = at('/all');
        const types = new Set(got.map((r) => r.json.type));
        assert.deepEqual([...types].sort(), [...expected].sort());
        return got;
      },
      { timeout: 30_000, message: 'every subscribed type at the first endpoint' },
    );
    for (const r of atAll) receiver.verify(r, all.body.secret);
    const atChanges = at('/changes');
    assert.deepEqual(
      atChanges.map((r) => r.json.type),
      ['event.changed'],
    );
    receiver.verify(atChanges[0], changes.body.secret);
    assert.throws(() => receiver.verify(atChanges[0], all.body.secret), 'another endpoint’s secret does not verify');

    const of = (type: string) => atAll.find((r) => r.json.type === type)!.json.data;
    assert.equal(of('event.scheduled').eventId, eventId);
    assert.equal(of('registration.created').email, 'katherine.johnson@example.com');
    assert.equal(of('asset.ready').assetId, assetId);
    assert.equal(of('asset.failed').assetId, brokenId);
    assert.ok(String(of('asset.failed').failureReason).length > 0);
    assert.equal(of('event.ended').state, 'ended');
    assert.equal(typeof of('event.ended').endReason, 'string');
    assert.equal(of('attendance.report_ready').registrants, 1);
    assert.equal(of('attendance.report_ready').overageFeeCents, 0);
    for (const r of receiver.received) {
      assert.ok(!r.body.includes(streamKey), `${r.json.type} carries no stream key`);
      assert.ok(!/joinToken|joinUrl/.test(r.body), `${r.json.type} carries no join link`);
    }
  });

  it('retries a receiver that fails three times with the same webhook-id and growing gaps, and logs each attempt', async () => {
    receiver.received.length = 0;
    receiver.answer = (_r, n) => (n <= 3 ? 500 : 200);
    const endpoint = await admin().post('/api/webhooks', {
      url: `${receiver.url}/flaky`,
      eventTypes: ['event.scheduled'],
    });
    assert.equal(endpoint.status, 201);
    const now = Date.now();
    const created = await organizer().post('/api/events', {
      title: 'Retried',
      mode: 'live',
      startsAt: new Date(now + 5 * HOUR).toISOString(),
      endsAt: new Date(now + 6 * HOUR).toISOString(),
    });
    assert.equal(created.status, 201);
    const attempts = await eventually(
      () => {
        const got = at('/flaky');
        assert.equal(got.length, 4);
        return got;
      },
      { timeout: 30_000, message: 'four attempts at the flaky receiver' },
    );
    assert.equal(new Set(attempts.map((a) => a.id)).size, 1, 'one webhook-id for every attempt');
    for (const a of attempts) receiver.verify(a, endpoint.body.secret);
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i].at);
    assert.ok(gaps[0] < gaps[1] && gaps[1] < gaps[2], `gaps grow: ${gaps.join(', ')} ms`);

    const log = await eventually(
      async () => {
        const l = (await admin().get(`/api/webhooks/${endpoint.body.id}/deliveries`)).body;
        assert.equal(l[0]?.status, 'delivered');
        return l;
      },
      { timeout: 10_000, message: 'the delivery marked delivered' },
    );
    assert.equal(log.length, 1);
    assert.equal(log[0].id, attempts[0].id);
    assert.deepEqual(
      log[0].attemptLog.map((a: { statusCode: number }) => a.statusCode),
      [500, 500, 500, 200],
    );
    assert.match(log[0].attemptLog[0].responseExcerpt, /maintenance/);

    // a replay sends the same message again, with the same id
    receiver.answer = () => 200;
    const replay = await admin().post(`/api/webhooks/${endpoint.body.id}/deliveries/${log[0].id}/replay`, {});
    assert.equal(replay.status, 202, JSON.stringify(replay.body));
    await eventually(() => at('/flaky').length === 5, {
      timeout: 10_000,
      message: 'the replay',
    });
    assert.equal(at('/flaky').at(-1)!.id, attempts[0].id, 'the replay has the same webhook-id');
  });

  it('refuses URLs a person got wrong, with the reason', async () => {
    const bad = await admin().post('/api/webhooks', { url: 'not a url', eventTypes: ['event.scheduled'] });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /valid absolute URL/);
    const none = await admin().post('/api/webhooks', { url: `${receiver.url}/x`, eventTypes: [] });
    assert.equal(none.status, 400);
    assert.match(JSON.stringify(none.body), /at least one event type/);
    const unknown = await admin().post('/api/webhooks', { url: `${receiver.url}/x`, eventTypes: ['event.deleted'] });
    assert.equal(unknown.status, 400);
    const organizerTries = await organizer().get('/api/webhooks');
    assert.equal(organizerTries.status, 403, 'administrators manage webhooks');
  });

  it('tells the administrator by mail and in the console when an endpoint fails, then when it is switched off', async () => {
    receiver.answer = (r) => (r.path.endsWith('/down') ? 503 : 200);
    const endpoint = await admin().post('/api/webhooks', {
      url: `${receiver.url}/down`,
      eventTypes: ['event.scheduled'],
    });
    assert.equal(endpoint.status, 201);
    // one event at a time per organizer: each gets its own hour
    const schedule = async (title: string, hour: number) => {
      const now = Date.now();
      const created = await organizer().post('/api/events', {
        title,
        mode: 'live',
        startsAt: new Date(now + hour * HOUR).toISOString(),
        endsAt: new Date(now + (hour + 1) * HOUR).toISOString(),
      });
      assert.equal(created.status, 201);
    };
    const outbox = stack.cp.mailCatcher!.dir;
    const adminEmail = stack.customer.admin.email;
    // each delivery is given up after 6 s of retries (and up to one more gap)
    const mailsAbout = async (n: number) =>
      (await mailsTo(outbox, adminEmail, n, 40_000)).filter((m) => m.subject.includes(`${receiver.url}/down`));

    await schedule('Nobody receives this', 10);
    const [failing, ...more] = await mailsAbout(1);
    assert.equal(more.length, 0, 'one mail for the first given-up delivery');
    assert.equal(failing.subject, `Webhook deliveries failing: ${receiver.url}/down`);
    assert.match(failing.text, /the receiver answered 503/);
    assert.ok(failing.text.includes(`/integrations/webhooks/${endpoint.body.id}`), 'links to the delivery log');
    const shown = (await admin().get(`/api/webhooks/${endpoint.body.id}`)).body;
    assert.equal(typeof shown.failingSince, 'string', 'the console shows it failing');
    assert.equal(shown.enabled, true, 'one given-up delivery does not switch it off');

    await schedule('Nor this', 12);
    const disabled = (await mailsAbout(2)).find((m) => m.subject.startsWith('Webhook endpoint disabled'));
    assert.ok(disabled, 'a second mail says the endpoint is switched off');
    assert.match(disabled.text, /enable the endpoint again/);
    const after = (await admin().get(`/api/webhooks/${endpoint.body.id}`)).body;
    assert.equal(after.enabled, false);
    assert.match(after.disabledReason, /failing for too long/);
  });
});
