import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { CHAT_LIMITS } from '#domain';
import { ChatRoom, LedgerEvent, SeatLedger, chatKey } from '#seat-ledger';
import { eventually, uniqueRedisPrefix } from '#test-support';

// The chat script against a real Redis, with the seats of a real ledger: every rule that decides whether a message is
// accepted, and what it leaves behind (the stream, the recent history).
describe('chat room script', () => {
  let redis: Redis;
  let prefix: string;
  let ledger: SeatLedger;
  before(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    prefix = uniqueRedisPrefix('chat');
    ledger = new SeatLedger(redis, prefix, { leaseMs: 30_000 });
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const event = (phase: 'live' | 'on-demand' = 'live'): LedgerEvent => ({
    eventId: randomUUID(),
    terms: { attendeeLimit: 10, bufferPercent: 0, overagePolicy: 'block', overageCap: null },
    liveCutoffMs: null,
    phase,
  });
  const seat = async (ev: LedgerEvent) => {
    const reg = randomUUID();
    assert.equal((await ledger.acquire(ev, reg, 'laptop', 'node-a')).status, 'admitted');
    return reg;
  };

  it('accepts a seated registrant: the message goes to the stream and the recent history', async () => {
    const room = new ChatRoom(redis, prefix);
    const ev = event();
    const reg = await seat(ev);
    const r = await room.send(ev.eventId, reg, 'hello');
    assert.ok(r.ok);
    assert.equal(r.message.text, 'hello');
    const stream = await redis.xrange(chatKey(prefix, ev.eventId, 'stream'), '-', '+');
    assert.equal(stream.length, 1);
    assert.equal(stream[0][0], r.message.id);
    assert.deepEqual(await room.history(ev.eventId), [r.message]);
  });

  it('refuses a registrant with no seat in the live phase, even one seated on demand', async () => {
    const room = new ChatRoom(redis, prefix);
    const live = event();
    const onDemand = { ...event('on-demand'), eventId: live.eventId };
    const reg = await seat(onDemand);
    assert.deepEqual(await room.send(live.eventId, reg, 'hi'), { ok: false, reason: 'not-seated', retryAfterMs: 0 });
    assert.deepEqual(await room.send(live.eventId, randomUUID(), 'hi'), {
      ok: false,
      reason: 'not-seated',
      retryAfterMs: 0,
    });
  });

  it('locks a registrant out after the limit, and lets them post again once the lockout is over', async () => {
    const room = new ChatRoom(redis, prefix, { ...CHAT_LIMITS, perRegistrant: 2, windowMs: 60_000, lockoutMs: 300 });
    const ev = event();
    const reg = await seat(ev);
    assert.ok((await room.send(ev.eventId, reg, '1')).ok);
    assert.ok((await room.send(ev.eventId, reg, '2')).ok);
    assert.deepEqual(await room.send(ev.eventId, reg, '3'), { ok: false, reason: 'rate-limited', retryAfterMs: 300 });
    // the window still holds two messages: each try after the lockout locks out again until the window moves on
    const room2 = new ChatRoom(redis, prefix, { ...CHAT_LIMITS, perRegistrant: 2, windowMs: 200, lockoutMs: 100 });
    await eventually(async () => assert.ok((await room2.send(ev.eventId, reg, 'back')).ok), {
      message: 'a message accepted after the lockout',
    });
  });

  it('holds slow mode per registrant', async () => {
    const room = new ChatRoom(redis, prefix);
    const ev = event();
    const [a, b] = [await seat(ev), await seat(ev)];
    await redis.set(chatKey(prefix, ev.eventId, 'slow'), '30');
    assert.ok((await room.send(ev.eventId, a, 'first')).ok);
    const again = await room.send(ev.eventId, a, 'second');
    assert.equal(again.ok === false && again.reason, 'slow-mode');
    assert.ok(again.ok === false && again.retryAfterMs > 0 && again.retryAfterMs <= 30_000);
    assert.ok((await room.send(ev.eventId, b, 'another attendee')).ok);
  });

  it("refuses everyone once the room's cap for the second is reached", async () => {
    const room = new ChatRoom(redis, prefix, { ...CHAT_LIMITS, roomPerSecond: 1 });
    const ev = event();
    const reg = await seat(ev);
    // the next few seconds of Redis time are already full
    const [s] = await redis.time();
    for (let i = 0; i < 3; i++) await redis.set(chatKey(prefix, ev.eventId, `room:${Number(s) + i}`), '1', 'EX', 5);
    const r = await room.send(ev.eventId, reg, 'hi');
    assert.equal(r.ok === false && r.reason, 'room-busy');
  });

  it('refuses a banned registrant', async () => {
    const room = new ChatRoom(redis, prefix);
    const ev = event();
    const reg = await seat(ev);
    await redis.sadd(chatKey(prefix, ev.eventId, 'banned'), reg);
    assert.deepEqual(await room.send(ev.eventId, reg, 'hi'), { ok: false, reason: 'banned', retryAfterMs: 0 });
  });

  it('keeps only the last messages as history, oldest first', async () => {
    const room = new ChatRoom(redis, prefix, { ...CHAT_LIMITS, history: 2, perRegistrant: 10 });
    const ev = event();
    const reg = await seat(ev);
    for (const text of ['1', '2', '3']) assert.ok((await room.send(ev.eventId, reg, text)).ok);
    assert.deepEqual(
      (await room.history(ev.eventId)).map((m) => m.text),
      ['2', '3'],
    );
  });

  it("lets the chat's keys go a week after the live phase ended, and takes no message after it", async () => {
    const room = new ChatRoom(redis, prefix);
    const ev = event();
    const reg = await seat(ev);
    assert.ok((await room.send(ev.eventId, reg, 'bye')).ok);
    await redis.sadd(chatKey(prefix, ev.eventId, 'banned'), randomUUID());
    await ledger.end(ev, 'ended');
    for (const k of ['stream', 'recent', 'banned']) {
      const ttl = await redis.ttl(chatKey(prefix, ev.eventId, k));
      assert.ok(ttl > 6 * 24 * 3600 && ttl <= 7 * 24 * 3600, `${k}: ${ttl}`);
    }
    const late = await room.send(ev.eventId, reg, 'still here?');
    assert.equal(late.ok === false && late.reason, 'not-seated');
  });
});
