import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, readConfig, sharedSettings } from '#config';

describe('REDIS_CLUSTER_NODES', () => {
  it('is unset unless given: every process uses the one Redis of REDIS_URL', () => {
    assert.equal(readConfig(sharedSettings, {}).REDIS_CLUSTER_NODES, undefined);
  });

  it('reads the seed nodes of a cluster as host:port, comma-separated', () => {
    const config = readConfig(sharedSettings, { REDIS_CLUSTER_NODES: 'redis-a:7000, redis-b:7001,10.0.0.3:6379' });
    assert.deepEqual(config.REDIS_CLUSTER_NODES, [
      { host: 'redis-a', port: 7000 },
      { host: 'redis-b', port: 7001 },
      { host: '10.0.0.3', port: 6379 },
    ]);
  });

  it('stops with one line naming the variable when an address has no host or a bad port', () => {
    for (const bad of ['redis-a', ':7000', 'redis-a:0', 'redis-a:70000', 'redis-a:7000,', 'redis-a:seven']) {
      assert.throws(
        () => readConfig(sharedSettings, { REDIS_CLUSTER_NODES: bad }),
        (e: unknown) => e instanceof ConfigError && /REDIS_CLUSTER_NODES=.*host:port, comma-separated/.test(e.message),
        bad,
      );
    }
  });
});
