import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster, Redis } from 'ioredis';
import { createRedisConnection } from '#process';

// lazyConnect: these only look at the client made; redis-connection.int.test.ts talks to a real one and a cluster.
describe('createRedisConnection', () => {
  it('is the one Redis of REDIS_URL when no cluster nodes are set', () => {
    const redis = createRedisConnection({ REDIS_URL: 'redis://redis.internal:6380/2' }, { lazyConnect: true });
    try {
      assert.ok(redis instanceof Redis);
      assert.equal(redis.options.host, 'redis.internal');
      assert.equal(redis.options.port, 6380);
      assert.equal(redis.options.db, 2);
    } finally {
      redis.disconnect();
    }
  });

  it('is a Cluster client on the seed nodes, logging in to each as REDIS_URL says', () => {
    const cluster = createRedisConnection(
      {
        REDIS_URL: 'rediss://platform:s%40cret@ignored:6379',
        REDIS_CLUSTER_NODES: [
          { host: 'redis-a', port: 7000 },
          { host: 'redis-b', port: 7001 },
        ],
      },
      { lazyConnect: true, maxRetriesPerRequest: null },
    );
    try {
      assert.ok(cluster instanceof Cluster);
      const node = cluster.options.redisOptions ?? {};
      assert.equal(node.username, 'platform');
      assert.equal(node.password, 's@cret');
      assert.deepEqual(node.tls, {});
      assert.equal(node.maxRetriesPerRequest, null);
      assert.equal(cluster.options.enableOfflineQueue, true, 'commands wait for the cluster as for one Redis');
    } finally {
      cluster.disconnect();
    }
  });
});
