import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Cluster } from 'ioredis';
import { RedisCluster, eventually, processAlive, startRedisCluster } from '#test-support';

describe('a Redis Cluster of the test run (test-support/redis-cluster)', () => {
  let cluster: RedisCluster;
  let client: Cluster;
  // keys whose slots land on different masters of a 3-master cluster
  const keys = Array.from({ length: 12 }, (_, i) => `cluster-test:key-${i}`);

  before(async () => {
    cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
    client = await cluster.connect();
  });
  after(async () => {
    await cluster?.stop();
  });

  it('serves all 16384 slots from 3 masters with a replica each', async () => {
    assert.equal(cluster.nodes.length, 6);
    assert.equal((await cluster.masters()).length, 3);
    const slots = await client.cluster('SLOTS');
    assert.equal(
      slots.reduce((n, [from, to]) => n + to - from + 1, 0),
      16384,
    );
  });

  it('stores keys of different slots on different masters and reads them back', async () => {
    for (const k of keys) await client.set(k, `value of ${k}`);
    assert.deepEqual(
      await Promise.all(keys.map((k) => client.get(k))),
      keys.map((k) => `value of ${k}`),
    );
    const owners = new Set(
      await Promise.all(keys.map(async (k) => ownerOf(client, Number(await client.cluster('KEYSLOT', k))))),
    );
    assert.equal(owners.size, 3, 'the keys are spread over every master');
  });

  it('keeps every key readable after a master is killed and its replica takes over', async () => {
    await cluster.replicated();
    const [before] = await cluster.masters();
    const killed = await cluster.killMaster(0);
    assert.equal(killed.port, before.port);
    assert.equal(killed.alive(), false);
    await eventually(
      async () => {
        const masters = await cluster.masters();
        return masters.length === 3 && !masters.includes(killed);
      },
      { timeout: 30_000, interval: 200, message: 'a replica is promoted in place of the killed master' },
    );
    await eventually(
      async () => {
        assert.deepEqual(
          await Promise.all(keys.map((k) => client.get(k))),
          keys.map((k) => `value of ${k}`),
        );
      },
      { timeout: 30_000, interval: 200, message: 'every key is read back after the failover' },
    );
  });
});

describe('stopping a Redis Cluster of the test run', () => {
  it('leaves no redis-server running and no folder behind', async () => {
    const cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
    const pids = cluster.nodes.map((n) => n.pid);
    assert.ok(pids.every((pid) => processAlive(pid)));
    await cluster.stop();
    assert.deepEqual(
      pids.filter((pid) => processAlive(pid)),
      [],
    );
    assert.equal(existsSync(cluster.dir), false);
  });
});

async function ownerOf(client: Cluster, slot: number): Promise<number> {
  const range = (await client.cluster('SLOTS')).find(([from, to]) => slot >= from && slot <= to);
  assert.ok(range?.[2], `slot ${slot} has an owner`);
  return range[2][1];
}
