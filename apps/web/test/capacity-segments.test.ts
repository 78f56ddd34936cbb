import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capacitySegments } from '../src/capacity/capacity-segments';

const terms = { limit: 100, bufferSeats: 10 };

describe('the capacity gauge', () => {
  it('spans limit + buffer + the overage cap, each tier its share', () => {
    const s = capacitySegments({ ...terms, overageCap: 40, included: 100, buffer: 10, overage: 20 });
    assert.deepEqual(
      s.map((x) => [x.tier, x.inUse, x.capacity, x.percent]),
      [
        ['included', 100, 100, (100 / 150) * 100],
        ['buffer', 10, 10, (10 / 150) * 100],
        ['overage', 20, 40, (20 / 150) * 100],
      ],
    );
  });

  it('draws an uncapped overage as wide as the buffer, or as the overage in use when larger', () => {
    const small = capacitySegments({ ...terms, overageCap: null, included: 100, buffer: 10, overage: 5 });
    assert.equal(small[2].capacity, null);
    assert.equal(small[2].percent, (5 / 120) * 100);
    const large = capacitySegments({ ...terms, overageCap: null, included: 100, buffer: 10, overage: 50 });
    assert.equal(large[0].percent + large[1].percent + large[2].percent, 100);
  });

  it('has no overage room on a block order', () => {
    const s = capacitySegments({ ...terms, overageCap: 0, included: 40, buffer: 0, overage: 0 });
    assert.equal(s[0].percent, (40 / 110) * 100);
    assert.equal(s[2].percent, 0);
  });

  it('is empty, not NaN, before terms are known', () => {
    const s = capacitySegments({ limit: 0, bufferSeats: 0, overageCap: 0, included: 0, buffer: 0, overage: 0 });
    assert.deepEqual(
      s.map((x) => x.percent),
      [0, 0, 0],
    );
  });
});
