import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AdmissionTerms } from '#domain';
import { LedgerEvent, SeatLedger, attachmentMember, attendanceStreamKey, parseAttendanceFields } from '#seat-ledger';
import { eventually, uniqueRedisPrefix } from '#test-support';

const bill: AdmissionTerms = { attendeeLimit: 10, bufferPercent: 10, overagePolicy: 'bill', overageCap: null };

describe('seat ledger (Lua in Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let ledger: SeatLedger;
  const ev = (terms: AdmissionTerms, liveCutoffMs: number | null = null): LedgerEvent => ({
    eventId: randomUUID(),
    terms,
    liveCutoffMs,
  });

  before(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    prefix = uniqueRedisPrefix('ledger');
    ledger = new SeatLedger(redis, prefix, { leaseMs: 30_000 });
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('gives concurrent joiners exactly L included, floor(10 %) buffer and the rest overage under bill', async () => {
    const e = ev(bill);
    const results = await Promise.all(Array.from({ length: 15 }, () => ledger.acquire(e, randomUUID(), 'd1', 'n1')));
    const tiers = results.map((r) => (r.status === 'admitted' ? r.tier : r.status));
    assert.equal(tiers.filter((t) => t === 'included').length, 10);
    assert.equal(tiers.filter((t) => t === 'buffer').length, 1);
    assert.equal(tiers.filter((t) => t === 'overage').length, 4);
    const s = await ledger.status(e);
    assert.equal(s.peakConcurrent, 15);
    assert.equal(s.peakOverage, 4);
  });

  it('queues past L + buffer under block and promotes in ticket order when seats free', async () => {
    const e = ev({ ...bill, overagePolicy: 'block' });
    const regs = Array.from({ length: 14 }, () => randomUUID());
    const results = [];
    for (const r of regs) results.push(await ledger.acquire(e, r, 'd1', 'n1'));
    assert.deepEqual(
      results.slice(11).map((r) => (r.status === 'waiting' ? r.position : -1)),
      [1, 2, 3],
    );
    const freed = await ledger.release(e, attachmentMember(regs[0], 'd1'));
    assert.deepEqual(
      freed.promoted.map((p) => p.registrantId),
      [regs[11]],
    );
    assert.deepEqual(await ledger.positions(e, regs.slice(11)), [0, 1, 2]);
    // a newcomer never overtakes those already waiting
    const late = await ledger.acquire(e, randomUUID(), 'd1', 'n1');
    assert.equal(late.status, 'waiting');
    assert.equal(late.status === 'waiting' && late.position, 3);
  });

  it('counts up to 3 devices of one registrant as one seat and refuses a 4th', async () => {
    const e = ev(bill);
    const reg = randomUUID();
    const r = await Promise.all(['a', 'b', 'c', 'd'].map((d) => ledger.acquire(e, reg, d, 'n1')));
    assert.equal(r.filter((x) => x.status === 'admitted').length, 3);
    assert.deepEqual(
      r.filter((x) => x.status === 'refused').map((x) => x.status === 'refused' && x.reason),
      ['device-limit'],
    );
    assert.equal((await ledger.status(e)).seats, 1);
    // the seat stays while any device remains
    await ledger.release(e, attachmentMember(reg, 'a'));
    await ledger.release(e, attachmentMember(reg, 'b'));
    assert.equal((await ledger.status(e)).seats, 1);
    await ledger.release(e, attachmentMember(reg, 'c'));
    assert.equal((await ledger.status(e)).seats, 0);
  });

  it('frees a seat whose lease lapsed, and keeps one that reconnects within the grace', async () => {
    const short = new SeatLedger(redis, prefix, { leaseMs: 300 });
    const e = ev({ ...bill, attendeeLimit: 1, bufferPercent: 0, overagePolicy: 'block' });
    const [a, b] = [randomUUID(), randomUUID()];
    assert.equal((await short.acquire(e, a, 'd', 'n1')).status, 'admitted');
    assert.equal((await short.acquire(e, b, 'd', 'n1')).status, 'waiting');
    await short.detach(e, attachmentMember(a, 'd'), 5_000);
    // b's lease was never renewed, so a sweep soon frees it; a's grace outlives its lease
    const swept = await eventually(
      async () => {
        const s = await short.sweep(e);
        assert.notEqual(s.released.length, 0, 'no lease lapsed yet');
        return s;
      },
      { timeout: 5000, message: "b's lease to lapse" },
    );
    assert.deepEqual(
      swept.released.map((x) => x.registrantId),
      [b],
    );
    const back = await short.acquire(e, a, 'd', 'n2');
    assert.equal(back.status, 'admitted');
    assert.equal(back.status === 'admitted' && back.reattached, true);
  });

  it('ends live admission at the cut-off by Redis time and logs every leave', async () => {
    const t = await redis.time();
    const nowMs = Number(t[0]) * 1000 + Math.floor(Number(t[1]) / 1000);
    const e = ev(bill, nowMs + 400);
    const reg = randomUUID();
    assert.equal((await ledger.acquire(e, reg, 'd', 'n1')).status, 'admitted');
    const swept = await eventually(
      async () => {
        const s = await ledger.sweep(e);
        assert.equal(s.ended, true, 'the cut-off has not passed yet');
        return s;
      },
      { timeout: 5000, message: 'a sweep after the cut-off' },
    );
    assert.deepEqual(
      swept.released.map((x) => x.registrantId),
      [reg],
    );
    const after = await ledger.acquire(e, randomUUID(), 'd', 'n1');
    assert.equal(after.status, 'ended');
    const log = (await redis.xrange(attendanceStreamKey(prefix, e.eventId), '-', '+'))
      .map(([, f]) => parseAttendanceFields(f))
      .filter((x) => x.eventId === e.eventId);
    assert.deepEqual(
      log.map((x) => [x.kind, x.edge, x.reason]),
      [
        ['join', 'open', ''],
        ['leave', 'close', 'cap'],
      ],
    );
  });
});
