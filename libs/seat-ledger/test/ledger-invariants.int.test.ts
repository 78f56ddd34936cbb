import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { AdmissionTerms, maxConcurrentSeats, tierForSeat } from '#domain';
import { SeatLedger, attachmentMember, eventLedgerBase } from '#seat-ledger';
import { uniqueRedisPrefix } from '#test-support';

// Many callers at once (as many admission nodes would be), random joins and leaves: after every round the ledger's
// own keys must agree with each other and with the terms.
describe('seat ledger invariants under concurrent joins and leaves', () => {
  let redis: Redis;
  let prefix: string;
  let ledger: SeatLedger;
  before(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    prefix = uniqueRedisPrefix('invariants');
    ledger = new SeatLedger(redis, prefix, { leaseMs: 30_000 });
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    await redis.quit();
  });

  it('never exceeds the terms, never seats and queues one registrant at once, and only queues when full', async () => {
    const terms = fc.record<AdmissionTerms>({
      attendeeLimit: fc.integer({ min: 1, max: 12 }),
      bufferPercent: fc.constantFrom(0, 10, 50),
      overagePolicy: fc.constantFrom('bill', 'block'),
      overageCap: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    });
    const step = fc.record({
      leave: fc.boolean(),
      who: fc.integer({ min: 0, max: 24 }),
      device: fc.constantFrom('a', 'b', 'c', 'd'),
    });
    await fc.assert(
      fc.asyncProperty(
        terms,
        fc.array(fc.array(step, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        async (t, rounds) => {
          const ev = { eventId: randomUUID(), terms: t, liveCutoffMs: null };
          const regs = Array.from({ length: 25 }, () => randomUUID());
          for (const round of rounds) {
            // each round's steps run concurrently
            await Promise.all(
              round.map((s) =>
                s.leave
                  ? ledger.release(ev, attachmentMember(regs[s.who], s.device))
                  : ledger.acquire(ev, regs[s.who], s.device, 'n'),
              ),
            );
            const base = eventLedgerBase(prefix, ev.eventId);
            const seats = await redis.hgetall(`${base}:seat`);
            const waiting = await redis.zrange(`${base}:wait`, '0', '-1');
            const seated = Object.keys(seats);
            assert.ok(seated.length <= maxConcurrentSeats(t), 'within the terms');
            assert.ok(!waiting.some((r) => r in seats), 'nobody both seated and waiting');
            if (waiting.length > 0) {
              assert.equal(tierForSeat(seated.length + 1, t), 'wait', 'a queue only when no seat is free');
            }
            for (const r of [...seated, ...waiting]) {
              const devices = await redis.scard(`${base}:devs:${r}`);
              assert.ok(devices >= 1 && devices <= 3, 'every seat or place has 1..3 devices');
            }
            const st = await ledger.status(ev);
            assert.equal(
              st.held.included + st.held.buffer + st.held.overage,
              seated.length,
              'tier counters match the seats',
            );
            assert.ok(st.peakConcurrent >= seated.length);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
