import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KNOWN_CROSS_SLOT, LUA_USES, findLuaSources, recordUse, slotsOf } from './support/lua-scripts';

// Redis Cluster runs a script only if every key it is given hashes to one slot. The keys here are the ones the
// production methods build (their own key builders, a sample event); lua-cluster.int.test.ts runs them on a cluster.
const sources = findLuaSources();
const scripts = sources.filter((s) => !s.fragment);

describe('the keys of every Lua script hash to one Redis Cluster slot (cluster-key-slot)', () => {
  const keysOf = new Map<string, { use: string; keys: string[] }[]>();

  before(async () => {
    for (const use of LUA_USES) {
      for (const { script, keys } of await recordUse(use, sources)) {
        keysOf.set(script.id, [...(keysOf.get(script.id) ?? []), { use: use.name, keys }]);
      }
    }
  });

  it('finds the scripts of the seat ledger, the chat and the control plane in the source', () => {
    assert.ok(scripts.length >= 16, `only ${scripts.length} Lua scripts found: ${scripts.map((s) => s.id).join(', ')}`);
    assert.ok(sources.some((s) => s.id === 'libs/seat-ledger/src/ledger-lua.ts:PRELUDE' && s.fragment));
  });

  it('runs every Lua script of the source through a production method (a new script needs a use in LUA_USES)', () => {
    assert.deepEqual(
      scripts.map((s) => s.id).filter((id) => !keysOf.has(id)),
      [],
      'scripts no use runs',
    );
  });

  for (const script of scripts) {
    const known = KNOWN_CROSS_SLOT.includes(script.id);
    it(`${script.id}: ${known ? 'spans slots (KNOWN_CROSS_SLOT)' : 'one slot'}`, (t) => {
      for (const { use, keys } of keysOf.get(script.id) ?? []) {
        const slots = slotsOf(keys);
        t.diagnostic(`${use}: ${keys.length} key(s), slot(s) ${slots.join(', ') || 'none'}`);
        const where = keys.map((k) => `${k} (slot ${slotsOf([k]).join('')})`).join(', ');
        if (known) assert.ok(slots.length > 1, `${use}: ${where} share a slot now: take it off KNOWN_CROSS_SLOT`);
        else assert.ok(slots.length <= 1, `${use}: ${where}`);
      }
    });
  }

  it('KNOWN_CROSS_SLOT is exactly the set of scripts whose keys span slots', () => {
    const spanning = [...keysOf]
      .filter(([, runs]) => runs.some(({ keys }) => slotsOf(keys).length > 1))
      .map(([id]) => id)
      .sort();
    assert.deepEqual(spanning, [...KNOWN_CROSS_SLOT].sort());
  });
});
