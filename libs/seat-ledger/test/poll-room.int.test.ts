import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { LedgerEvent, PollRoom, SeatLedger, parseQaFields, qaKey } from '#seat-ledger';
import { uniqueRedisPrefix } from '#test-support';

// The poll script against a real Redis, with the seats of a real ledger: who may vote, which choices count, one final
// vote per registrant, nothing after closing, and the stream entry the control plane stores.
describe('poll room script', () => {
  let redis: Redis;
  let prefix: string;
  let ledger: SeatLedger;
  let room: PollRoom;
  before(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    prefix = uniqueRedisPrefix('polls');
    ledger = new SeatLedger(redis, prefix, { leaseMs: 30_000 });
    room = new PollRoom(redis, prefix);
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const event = (): LedgerEvent => ({
    eventId: randomUUID(),
    terms: { attendeeLimit: 10, bufferPercent: 0, overagePolicy: 'block', overageCap: null },
    liveCutoffMs: null,
    phase: 'live',
  });
  const seat = async (ev: LedgerEvent, reg = randomUUID(), device = 'laptop') => {
    assert.equal((await ledger.acquire(ev, reg, device, 'node-a')).status, 'admitted');
    return reg;
  };
  const open = async (ev: LedgerEvent, multiple = false) => {
    const id = randomUUID();
    await room.open(ev.eventId, { id, question: 'Which?', options: ['a', 'b', 'c'], multiple, results: 'live' });
    return id;
  };

  it('counts one vote per registrant, whatever their devices, and writes it to the stream', async () => {
    const ev = event();
    const reg = await seat(ev);
    await seat(ev, reg, 'phone');
    const id = await open(ev);
    assert.deepEqual(await room.vote(ev.eventId, reg, id, [2]), { ok: true });
    assert.deepEqual(await room.vote(ev.eventId, reg, id, [1]), { ok: false, reason: 'already-voted' });
    const counts = await room.counts(ev.eventId, [{ id, options: 3 }]);
    assert.deepEqual(counts.get(id), { counts: [0, 0, 1], voters: 1 });
    assert.deepEqual(await room.votedBy(ev.eventId, reg, [id]), new Set([id]));
    const stream = await redis.xrange(qaKey(prefix, ev.eventId, 'stream'), '-', '+');
    assert.deepEqual(
      stream.map(([, fields]) => {
        const e = parseQaFields(fields);
        return e && { ...e, at: 0 };
      }),
      [{ type: 'poll-vote', eventId: ev.eventId, pollId: id, registrantId: reg, choices: [2], at: 0 }],
    );
  });

  it('takes several options only where the poll allows, and only options it has', async () => {
    const ev = event();
    const reg = await seat(ev);
    const single = await open(ev);
    const multiple = await open(ev, true);
    assert.deepEqual(await room.vote(ev.eventId, reg, single, [0, 1]), { ok: false, reason: 'bad-choices' });
    assert.deepEqual(await room.vote(ev.eventId, reg, multiple, [0, 3]), { ok: false, reason: 'bad-choices' });
    assert.deepEqual(await room.vote(ev.eventId, reg, multiple, [0, 2]), { ok: true });
    const counts = await room.counts(ev.eventId, [{ id: multiple, options: 3 }]);
    assert.deepEqual(counts.get(multiple), { counts: [1, 0, 1], voters: 1 });
  });

  it('refuses the unseated, unknown polls, and every vote after closing; closing answers the final counts', async () => {
    const ev = event();
    const reg = await seat(ev);
    const id = await open(ev);
    assert.deepEqual(await room.vote(ev.eventId, randomUUID(), id, [0]), { ok: false, reason: 'not-seated' });
    assert.deepEqual(await room.vote(ev.eventId, reg, randomUUID(), [0]), { ok: false, reason: 'unknown-poll' });
    const other = await seat(ev);
    assert.deepEqual(await room.vote(ev.eventId, other, id, [1]), { ok: true });
    assert.deepEqual(
      (await room.openPolls(ev.eventId)).map((p) => p.id),
      [id],
    );
    assert.deepEqual(await room.close(ev.eventId, id), { counts: [0, 1, 0], voters: 1 });
    assert.deepEqual(await room.vote(ev.eventId, reg, id, [0]), { ok: false, reason: 'closed' });
    assert.deepEqual(await room.openPolls(ev.eventId), []);
    assert.equal(await room.close(ev.eventId, randomUUID()), null);
  });
});
