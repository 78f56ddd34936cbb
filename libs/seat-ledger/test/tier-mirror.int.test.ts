import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { AdmissionTerms, tierForSeat } from '#domain';
import { SeatLedger } from '#seat-ledger';
import { uniqueRedisPrefix } from '#test-support';

describe('the Lua tier rule', () => {
  let redis: Redis;
  let ledger: SeatLedger;
  before(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    ledger = new SeatLedger(redis, uniqueRedisPrefix('tier'), { leaseMs: 30_000 });
  });
  after(() => redis.quit());

  it('gives every seat the same tier as #domain tierForSeat', async () => {
    const terms = fc.record<AdmissionTerms>({
      attendeeLimit: fc.integer({ min: 1, max: 5000 }),
      bufferPercent: fc.integer({ min: 0, max: 100 }),
      overagePolicy: fc.constantFrom('bill', 'block'),
      overageCap: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(
        terms,
        fc.array(fc.integer({ min: 1, max: 12_000 }), { minLength: 1, maxLength: 40 }),
        async (t, seats) => {
          // the edges of each tier are where a mirror would drift, so probe them alongside the random seats
          const limit = t.attendeeLimit;
          const edges = [
            1,
            limit,
            limit + 1,
            limit + Math.floor((limit * t.bufferPercent) / 100),
            limit + Math.floor((limit * t.bufferPercent) / 100) + 1,
          ];
          if (t.overageCap !== null) edges.push(edges[3] + t.overageCap, edges[3] + t.overageCap + 1);
          const probe = [...seats, ...edges];
          assert.deepEqual(
            await ledger.luaTiers(t, probe),
            probe.map((n) => tierForSeat(n, t)),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
