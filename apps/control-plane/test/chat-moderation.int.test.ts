import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ChatModerationNotice, chatModerationChannel } from '#contracts';
import { CHAT_LIMITS } from '#domain';
import { ChatRoom, SeatLedger, eventLedgerBase } from '#seat-ledger';
import { eventually } from '#test-support';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { EventsService } from '../src/events/events.service';

// Moderation of a live event's chat through the REST API: what it writes to Redis is what the chat script reads on
// every admission node (admission-chat.e2e.test.ts shows the sockets' side), what it announces on the moderation
// channel reaches every node, and each action is logged with who did it.
describe('chat moderation through the control plane', () => {
  let h: ControlPlaneHarness;
  let redis: Redis;
  let subscriber: Redis;
  const notices: ChatModerationNotice[] = [];
  let customer: SeededCustomer;
  let eventId: string;
  let registrantId: string;
  let room: ChatRoom;
  const ids: string[] = [];

  before(async () => {
    h = await startControlPlane();
    redis = new Redis(h.config.REDIS_URL);
    subscriber = new Redis(h.config.REDIS_URL);
    subscriber.on('message', (_ch: string, raw: string) => notices.push(JSON.parse(raw) as ChatModerationNotice));
    await subscriber.subscribe(chatModerationChannel(h.config.REDIS_PREFIX));

    customer = await h.seed();
    const created = await h.api(customer.organizer.token).post('/api/events', {
      title: 'Moderated',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    eventId = created.body.id;
    await h.controlPlane.app.get(EventsService).markLive(eventId);
    const registered = await h.api(customer.organizer.token).post(`/api/events/${eventId}/registrations`, {
      name: 'Ada',
      email: `ada.${randomUUID()}@example.org`,
      sendInvitation: false,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    registrantId = registered.body.id;
    const ledger = new SeatLedger(redis, h.config.REDIS_PREFIX, { leaseMs: 60_000 });
    const terms = { attendeeLimit: 10, bufferPercent: 0, overagePolicy: 'block' as const, overageCap: null };
    await ledger.acquire({ eventId, terms, liveCutoffMs: null }, registrantId, 'laptop', 'node-a');
    // the per-registrant limit is not what this test is about
    room = new ChatRoom(redis, h.config.REDIS_PREFIX, { ...CHAT_LIMITS, perRegistrant: 1000 });
    for (const text of ['hello', 'something rude', 'sorry']) {
      const r = await room.send(eventId, registrantId, text);
      assert.ok(r.ok, JSON.stringify(r));
      ids.push(r.message.id);
    }
  });
  after(async () => {
    await subscriber?.quit();
    await redis?.quit();
    await h?.close();
  });

  const chat = () => `/api/events/${eventId}/chat`;

  it("answers 404 to another account's organizer and administrator on every route", async () => {
    const other = await h.seed();
    for (const token of [other.organizer.token, other.admin.token]) {
      const api = h.api(token);
      const answers = await Promise.all([
        api.get(`${chat()}/messages`),
        api.get(`${chat()}/moderation`),
        api.get(`${chat()}/settings`),
        api.post(`${chat()}/messages/${ids[1]}/hide`, {}),
        api.post(`${chat()}/messages/${ids[1]}/restore`, {}),
        api.post(`${chat()}/messages/${ids[1]}/approve`, {}),
        api.post(`${chat()}/messages/${ids[1]}/reject`, {}),
        api.post(`${chat()}/bans`, { registrationId: registrantId }),
        api.request('DELETE', `${chat()}/bans/${registrantId}`),
        api.request('PUT', `${chat()}/settings`, { slowModeSeconds: 0, paused: true }),
      ]);
      assert.deepEqual(
        answers.map((a) => a.status),
        Array(10).fill(404),
        JSON.stringify(answers.map((a) => a.body)),
      );
    }
    // nothing happened
    assert.deepEqual(await room.settings(eventId), { slowModeSeconds: 0, paused: false, linksAllowed: false });
    assert.equal((await room.history(eventId)).length, 3);
  });

  it('hides a message from the history, tells the rooms, marks it stored hidden; restores it', async () => {
    await eventually(async () => (await h.api(customer.organizer.token).get(`${chat()}/messages`)).body.length === 3, {
      timeout: 15_000,
      message: 'the 3 messages stored',
    });
    const hidden = await h.api(customer.organizer.token).post(`${chat()}/messages/${ids[1]}/hide`, { reason: 'rude' });
    assert.equal(hidden.status, 200, JSON.stringify(hidden.body));
    assert.deepEqual(hidden.body, { eventId, id: ids[1], hidden: true, held: false });
    assert.deepEqual(
      (await room.history(eventId)).map((m) => m.text),
      ['hello', 'sorry'],
    );
    await eventually(() => notices.some((n) => n.type === 'hidden' && n.id === ids[1]), { message: 'the notice' });
    const listed = await h.api(customer.admin.token).get(`${chat()}/messages`);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.map((m: { id: string; text: string; hidden: boolean }) => [m.id, m.text, m.hidden]),
      [
        [ids[0], 'hello', false],
        [ids[1], 'something rude', true],
        [ids[2], 'sorry', false],
      ],
    );
    assert.equal(listed.body[0].author.registrationId, registrantId);
    const page = await h.api(customer.admin.token).get(`${chat()}/messages?after=${ids[0]}&limit=1`);
    assert.deepEqual(
      page.body.map((m: { id: string }) => m.id),
      [ids[1]],
    );
    const unknown = await h.api(customer.organizer.token).post(`${chat()}/messages/1-0/hide`, {});
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.field, 'messageId');

    const restored = await h.api(customer.admin.token).post(`${chat()}/messages/${ids[1]}/restore`, {});
    assert.deepEqual(restored.body, { eventId, id: ids[1], hidden: false, held: false });
    assert.deepEqual(
      (await room.history(eventId)).map((m) => m.text),
      ['hello', 'something rude', 'sorry'],
    );
    await eventually(() => notices.some((n) => n.type === 'restored' && n.message.id === ids[1]));
  });

  it('times out, lifts and bans a registrant in Redis, where every node reads it; the seat stays', async () => {
    const api = h.api(customer.admin.token);
    const timeout = await api.post(`${chat()}/bans`, { registrationId: registrantId, minutes: 5, reason: 'cool off' });
    assert.equal(timeout.status, 200, JSON.stringify(timeout.body));
    assert.equal(timeout.body.kind, 'timeout');
    const refused = await room.send(eventId, registrantId, 'why?');
    assert.equal(refused.ok === false && refused.reason, 'timed-out');
    assert.ok(refused.ok === false && refused.retryAfterMs > 295_000 && refused.retryAfterMs <= 300_000);
    const lifted = await api.request('DELETE', `${chat()}/bans/${registrantId}`);
    assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
    assert.equal((await room.send(eventId, registrantId, 'thanks')).ok, true);

    const ban = await h.api(customer.organizer.token).post(`${chat()}/bans`, { registrationId: registrantId });
    assert.deepEqual(ban.body, { eventId, registrationId: registrantId, kind: 'ban', until: null });
    const banned = await room.send(eventId, registrantId, 'again');
    assert.equal(banned.ok === false && banned.reason, 'banned');
    assert.equal(
      await redis.hexists(`${eventLedgerBase(h.config.REDIS_PREFIX, eventId, 'live')}:seat`, registrantId),
      1,
    );

    const stranger = await api.post(`${chat()}/bans`, { registrationId: randomUUID() });
    assert.equal(stranger.status, 404);
    assert.equal(stranger.body.field, 'registrationId');
    const tooLong = await api.post(`${chat()}/bans`, { registrationId: registrantId, minutes: 1441 });
    assert.equal(tooLong.status, 400);
    await api.request('DELETE', `${chat()}/bans/${registrantId}`);
  });

  it('sets slow mode and pause, tells the rooms, and the chat script refuses accordingly', async () => {
    const api = h.api(customer.organizer.token);
    const put = await api.request('PUT', `${chat()}/settings`, { slowModeSeconds: 20, paused: true });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body, { eventId, slowModeSeconds: 20, paused: true, linksAllowed: false });
    assert.deepEqual((await api.get(`${chat()}/settings`)).body, put.body);
    await eventually(() => notices.some((n) => n.type === 'settings' && n.paused));
    const paused = await room.send(eventId, registrantId, 'hello?');
    assert.equal(paused.ok === false && paused.reason, 'paused');
    await api.request('PUT', `${chat()}/settings`, { slowModeSeconds: 20, paused: false });
    assert.equal((await room.send(eventId, registrantId, 'one')).ok, true);
    const slow = await room.send(eventId, registrantId, 'two');
    assert.equal(slow.ok === false && slow.reason, 'slow-mode');
    const bad = await api.request('PUT', `${chat()}/settings`, { slowModeSeconds: 301, paused: false });
    assert.equal(bad.status, 400);

    // links: on when asked, and a later change that does not mention them leaves them as they are
    const links = await api.request('PUT', `${chat()}/settings`, {
      slowModeSeconds: 0,
      paused: false,
      linksAllowed: true,
    });
    assert.deepEqual(links.body, { eventId, slowModeSeconds: 0, paused: false, linksAllowed: true });
    await eventually(() => notices.some((n) => n.type === 'settings' && n.linksAllowed));
    await api.request('PUT', `${chat()}/settings`, { slowModeSeconds: 20, paused: false });
    assert.equal((await room.settings(eventId)).linksAllowed, true);
    await api.request('PUT', `${chat()}/settings`, { slowModeSeconds: 20, paused: false, linksAllowed: false });
  });

  it('logs every action with who and when, newest first', async () => {
    const log = await h.api(customer.admin.token).get(`${chat()}/moderation`);
    assert.equal(log.status, 200, JSON.stringify(log.body));
    const { organizer, admin } = customer;
    assert.deepEqual(
      log.body.map((a: { action: string; target: string | null; actor: { id: string }; reason: string | null }) => [
        a.action,
        a.target,
        a.actor.id,
        a.reason,
      ]),
      [
        ['settings', null, organizer.id, null],
        ['settings', null, organizer.id, null],
        ['settings', null, organizer.id, null],
        ['settings', null, organizer.id, null],
        ['settings', null, organizer.id, null],
        ['lift', registrantId, admin.id, null],
        ['ban', registrantId, organizer.id, null],
        ['lift', registrantId, admin.id, null],
        ['timeout', registrantId, admin.id, 'cool off'],
        ['restore', ids[1], admin.id, null],
        ['hide', ids[1], organizer.id, 'rude'],
      ],
    );
    assert.deepEqual(log.body[0].details, { slowModeSeconds: 20, paused: false, linksAllowed: false });
    assert.deepEqual(log.body[8].details, { minutes: 5 });
    for (const a of log.body) {
      assert.ok(Date.now() - Date.parse(a.at) < 120_000, a.at);
      assert.equal(typeof a.actor.name, 'string');
    }
    assert.deepEqual(log.body.map((a: { actor: { role: string } }) => a.actor.role).slice(-2), ['admin', 'organizer']);
  });
});
