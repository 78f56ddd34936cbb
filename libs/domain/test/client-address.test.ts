import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { peerAddress } from '../src/client-address';

describe('the address a peer is counted under', () => {
  it('drops the port of IPv4, IPv4-mapped and IPv6 peers, and groups IPv6 by /64', () => {
    assert.equal(peerAddress('203.0.113.9:51234'), '203.0.113.9');
    assert.equal(peerAddress('::ffff:127.0.0.1:58094'), '127.0.0.1');
    assert.equal(peerAddress('2001:db8:1:2:3:4:5:6:1935'), '2001:db8:1:2::/64');
    assert.equal(peerAddress('[2001:db8:1:2::9]:1935'), '2001:db8:1:2::/64');
  });
});
