import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import {
  HealEntry,
  LedgerEvent,
  SeatLedger,
  attachmentMember,
  attendanceStreamKey,
  eventLedgerBase,
} from '#seat-ledger';
import { uniqueRedisPrefix } from '#test-support';

// The ledger's keys vanish while 22 are seated (limit 20 + 10 % buffer, block): each node's devices re-attach in one
// script, ahead of anyone who came since, and nobody is ever seated beyond the terms.

describe('a seat ledger found lost heals from the nodes', () => {
  let redis: Redis;
  let prefix: string;
  const nodes: SeatLedger[] = [];
  before(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    prefix = uniqueRedisPrefix('healing');
    // three nodes: separate instances, each with its own memory of the generations it saw
    for (let i = 0; i < 3; i++) nodes.push(new SeatLedger(redis, prefix, { leaseMs: 30_000, healWindowMs: 2000 }));
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const event = (): LedgerEvent => ({
    eventId: randomUUID(),
    terms: { attendeeLimit: 20, bufferPercent: 10, overagePolicy: 'block', overageCap: null },
    liveCutoffMs: null,
  });
  const seat = async (node: number, ev: LedgerEvent, n: number) => {
    const regs = Array.from({ length: n }, () => randomUUID());
    for (const r of regs) {
      const d = await nodes[node].acquire(ev, r, 'laptop', `node-${node}`);
      assert.equal(d.status, 'admitted');
    }
    return regs;
  };
  const lose = async (ev: LedgerEvent) => {
    const base = eventLedgerBase(prefix, ev.eventId);
    // the ledger's keys; its attendance stream (same tag) is kept to check what was logged since
    const keys = (await redis.keys(`${base}*`)).filter((k) => k !== attendanceStreamKey(prefix, ev.eventId));
    assert.ok(keys.length > 0);
    await redis.del(...keys);
  };
  const entries = (regs: string[]): HealEntry[] =>
    regs.map((r, i) => ({ member: attachmentMember(r, 'laptop'), told: { seated: 'included' as const }, order: i }));
  const edges = async (ev: LedgerEvent, regs: string[], sinceId: string) => {
    const set = new Set(regs);
    const entriesSince = await redis.xrange(attendanceStreamKey(prefix, ev.eventId), `(${sinceId}`, '+');
    return entriesSince.filter(([, f]) => set.has(f[f.indexOf('reg') + 1])).length;
  };

  it('keeps all 22 seated, makes newcomers wait, and logs no new session', async () => {
    const ev = event();
    const onA = await seat(0, ev, 11);
    const onB = await seat(1, ev, 11);
    const [[lastId]] = (await redis.xrevrange(attendanceStreamKey(prefix, ev.eventId), '+', '-', 'COUNT', 1)) as [
      string,
      string[],
    ][];
    await lose(ev);

    // a newcomer reaches node A first: A knew the ledger, so the loss is found and the newcomer waits
    const early = await nodes[0].acquire(ev, randomUUID(), 'phone', 'node-0');
    assert.equal(early.status, 'waiting');

    const renewA = await nodes[0].renew(
      ev,
      onA.map((r) => attachmentMember(r, 'laptop')),
    );
    assert.deepEqual({ heal: renewA.heal, lost: renewA.lost }, { heal: true, lost: [] }, 'nobody is told lost');
    const healedA = await nodes[0].heal(ev, 'node-0', entries(onA));
    assert.ok(healedA.every((o) => o.outcome === 'seated'));
    // B finds a generation it never saw: it heals too
    const renewB = await nodes[1].renew(
      ev,
      onB.map((r) => attachmentMember(r, 'laptop')),
    );
    assert.equal(renewB.heal, true);
    const healedB = await nodes[1].heal(ev, 'node-1', entries(onB));
    assert.ok(healedB.every((o) => o.outcome === 'seated'));

    // after healing, renewals are renewals again
    assert.deepEqual(await nodes[1].renew(ev, [attachmentMember(onB[0], 'laptop')]).then((r) => [r.heal, r.lost]), [
      false,
      [],
    ]);
    const newcomers = [];
    for (let i = 0; i < 9; i++) newcomers.push(await nodes[i % 2].acquire(ev, randomUUID(), 'phone', 'node-x'));
    assert.ok(newcomers.every((d) => d.status === 'waiting'));
    const st = await nodes[0].status(ev);
    assert.deepEqual({ seats: st.seats, waiting: st.waiting }, { seats: 22, waiting: 10 });
    assert.equal(await edges(ev, [...onA, ...onB], lastId), 0, 'no leave and no join logged for the 22');
  });

  it('never seats beyond the terms: a node that never saw the ledger seats newcomers, the healed overflow waits first', async () => {
    const ev = event();
    const onA = await seat(0, ev, 11);
    const onB = await seat(1, ev, 11);
    await lose(ev);
    // node C held nobody of this event: it cannot tell the loss from a new ledger and seats 5 newcomers
    const early = await seat(2, ev, 5);
    assert.equal(early.length, 5);
    await nodes[0].renew(
      ev,
      onA.map((r) => attachmentMember(r, 'laptop')),
    );
    const a = await nodes[0].heal(ev, 'node-0', entries(onA));
    await nodes[1].renew(
      ev,
      onB.map((r) => attachmentMember(r, 'laptop')),
    );
    const b = await nodes[1].heal(ev, 'node-1', entries(onB));
    const outcomes = [...a, ...b];
    assert.equal(outcomes.filter((o) => o.outcome === 'seated').length, 17);
    const waiting = outcomes.filter((o) => o.outcome === 'waiting');
    assert.deepEqual(
      waiting.map((o) => o.position),
      [1, 2, 3, 4, 5],
      'the overflow waits at the head, in seating order',
    );
    const late = await nodes[2].acquire(ev, randomUUID(), 'phone', 'node-2');
    assert.deepEqual(late.status === 'waiting' && late.position, 6, 'a newcomer after them waits behind them');
    const st = await nodes[0].status(ev);
    assert.equal(st.seats, 22);
  });
});
