import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durabilityWarnings } from '../src/health/redis-durability';

describe('what /health says of Redis settings in production', () => {
  it('says nothing of a Redis with an append-only file and noeviction', () => {
    assert.deepEqual(durabilityWarnings({ appendonly: 'yes', save: '', maxmemoryPolicy: 'noeviction' }), []);
    assert.deepEqual(durabilityWarnings({ appendonly: 'no', save: '3600 1', maxmemoryPolicy: 'noeviction' }), []);
  });

  it('warns of a Redis that keeps nothing on disk, and of an eviction policy', () => {
    const w = durabilityWarnings({ appendonly: 'no', save: '', maxmemoryPolicy: 'allkeys-lru' });
    assert.equal(w.length, 2);
    assert.match(w[0], /keeps nothing on disk/);
    assert.match(w[1], /maxmemory-policy is allkeys-lru.*noeviction/);
  });
});
