import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster, Redis } from 'ioredis';
import { readConfig, sharedSettings } from '#config';
import { createRedisConnection } from '#process';
import { RedisCluster, startRedisCluster, uniqueRedisPrefix } from '#test-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('createRedisConnection against a real Redis and a real Redis Cluster', () => {
  let cluster: RedisCluster;

  before(async () => {
    cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
  });
  after(async () => {
    await cluster?.stop();
  });

  it('talks to the Redis of REDIS_URL when REDIS_CLUSTER_NODES is unset', async () => {
    const redis = createRedisConnection(readConfig(sharedSettings, { REDIS_URL }));
    const key = `${uniqueRedisPrefix('redis-connection')}:greeting`;
    try {
      assert.ok(redis instanceof Redis);
      await redis.set(key, 'hello', 'EX', 60);
      assert.equal(await redis.get(key), 'hello');
    } finally {
      await redis.del(key);
      await redis.quit();
    }
  });

  it('stores and reads keys of every slot range through the cluster of REDIS_CLUSTER_NODES', async () => {
    const config = readConfig(sharedSettings, { REDIS_URL, REDIS_CLUSTER_NODES: cluster.seeds });
    const redis = createRedisConnection(config, { maxRetriesPerRequest: null });
    try {
      assert.ok(redis instanceof Cluster);
      const keys = Array.from({ length: 12 }, (_, i) => `wc:connection-test:${i}`);
      // sent at once, before the client has even found the cluster's slots: they wait for it
      await Promise.all(keys.map((k) => redis.set(k, k)));
      assert.deepEqual(await Promise.all(keys.map((k) => redis.get(k))), keys);
      assert.equal(redis.nodes('master').length, 3);
    } finally {
      await redis.quit();
    }
  });
});
