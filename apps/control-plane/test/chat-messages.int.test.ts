import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ChatRoom, SeatLedger, chatKey } from '#seat-ledger';
import { eventually } from '#test-support';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';
import { ChatRepository } from '../src/chat/chat.repository';
import { EventsService } from '../src/events/events.service';

// The chat stream of a live event into PostgreSQL: the chat script writes as admission would, the control plane's
// consumer stores each message once, in order, and acknowledges it only then.
describe('chat messages stored by the control plane', () => {
  let h: ControlPlaneHarness;
  let redis: Redis;
  before(async () => {
    h = await startControlPlane();
    redis = new Redis(h.config.REDIS_URL);
  });
  after(async () => {
    await redis?.quit();
    await h?.close();
  });

  it("stores every accepted message of a live event's chat once, with its stream id", async () => {
    const customer = await h.seed();
    const created = await h.api(customer.organizer.token).post('/api/events', {
      title: 'Chatty',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const eventId: string = created.body.id;
    await h.controlPlane.app.get(EventsService).markLive(eventId);

    const ledger = new SeatLedger(redis, h.config.REDIS_PREFIX, { leaseMs: 30_000 });
    const room = new ChatRoom(redis, h.config.REDIS_PREFIX);
    const terms = { attendeeLimit: 10, bufferPercent: 0, overagePolicy: 'block' as const, overageCap: null };
    // registering stores the name the registrant's messages are signed with
    const registered = await h.api(customer.organizer.token).post(`/api/events/${eventId}/registrations`, {
      name: ' Ada ',
      email: `ada.${randomUUID()}@example.org`,
      sendInvitation: false,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const registrantId: string = registered.body.id;
    assert.equal(await redis.hget(chatKey(h.config.REDIS_PREFIX, eventId, 'names'), registrantId), 'Ada');
    await ledger.acquire({ eventId, terms, liveCutoffMs: null }, registrantId, 'laptop', 'node-a');
    const ids: string[] = [];
    for (const text of ['first', 'second', 'https://example.org/<b>']) {
      const r = await room.send(eventId, registrantId, text);
      assert.ok(r.ok, JSON.stringify(r));
      ids.push(r.message.id);
    }

    const repository = h.controlPlane.app.get(ChatRepository);
    const stored = await eventually(
      async () => {
        const rows = await repository.ofEvent(eventId);
        return rows.length === 3 && rows;
      },
      { timeout: 15_000, message: 'the 3 messages in the database' },
    );
    assert.deepEqual(
      stored.map((m) => [m.streamId, m.registrantId, m.name, m.text]),
      [
        [ids[0], registrantId, 'Ada', 'first'],
        [ids[1], registrantId, 'Ada', 'second'],
        [ids[2], registrantId, 'Ada', 'https://example.org/<b>'],
      ],
    );
    // acknowledged once stored; the stream itself stays (history, later consumers)
    const stream = chatKey(h.config.REDIS_PREFIX, eventId, 'stream');
    await eventually(async () => {
      const [pending] = (await redis.xpending(stream, 'control-plane')) as [number];
      assert.equal(pending, 0);
    });
    assert.equal(await redis.xlen(stream), 3);
    // storing the same entries again (a replay after a crash before the XACK) adds nothing
    await repository.append(stored);
    assert.equal((await repository.ofEvent(eventId)).length, 3);
  });
});
