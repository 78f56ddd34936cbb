import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { RedisCluster, startRedisCluster } from '#test-support';
import { KNOWN_CROSS_SLOT, LUA_USES, findLuaSources, isCrossSlot, recordUse } from './support/lua-scripts';

// The production methods that run a Lua script, each once, through ioredis Cluster against a real Redis Cluster:
// what Redis itself says of their keys (lua-key-slots.test.ts computes the same from the keys alone).
const sources = findLuaSources();
const scripts = sources.filter((s) => !s.fragment);

type Outcome = { use: string; outcome: 'ran' | 'cross-slot' | 'failed'; message: string };

describe('every Lua script on a Redis Cluster of 3 masters with a replica each', () => {
  let cluster: RedisCluster;
  const outcomes = new Map<string, Outcome[]>();

  before(async () => {
    cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
    const client = (await cluster.connect()) as unknown as Redis;
    for (const use of LUA_USES) {
      const ids = new Set((await recordUse(use, sources)).map((r) => r.script.id));
      let outcome: Outcome;
      try {
        await use.run(client);
        outcome = { use: use.name, outcome: 'ran', message: '' };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcome = { use: use.name, outcome: isCrossSlot(error) ? 'cross-slot' : 'failed', message };
      }
      for (const id of ids) outcomes.set(id, [...(outcomes.get(id) ?? []), outcome]);
    }
  });
  after(async () => {
    await cluster?.stop();
  });

  it('runs every Lua script of the source through a production method', () => {
    assert.deepEqual(
      scripts.map((s) => s.id).filter((id) => !outcomes.has(id)),
      [],
      'scripts no use runs',
    );
  });

  for (const script of scripts) {
    const known = KNOWN_CROSS_SLOT.includes(script.id);
    it(`${script.id}: ${known ? 'refused with CROSSSLOT (KNOWN_CROSS_SLOT)' : 'runs'}`, (t) => {
      for (const o of outcomes.get(script.id) ?? []) {
        t.diagnostic(`${o.use}: ${o.outcome}${o.message ? ` (${o.message})` : ''}`);
        assert.equal(o.outcome, known ? 'cross-slot' : 'ran', `${o.use}: ${o.message || o.outcome}`);
      }
    });
  }

  it('KNOWN_CROSS_SLOT is exactly the set of scripts the cluster refuses', () => {
    const refused = [...outcomes]
      .filter(([, runs]) => runs.some((o) => o.outcome === 'cross-slot'))
      .map(([id]) => id)
      .sort();
    assert.deepEqual(refused, [...KNOWN_CROSS_SLOT].sort());
  });
});
