/**
 * The client address a rate limit counts against: IPv4 as it is (an IPv4-mapped IPv6 address as its IPv4), IPv6 by
 * its /64, the block one subscriber usually holds whole, so rotating addresses inside it does not escape the limit.
 */
export function rateLimitedAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The address of a peer given as `address:port` (node-media-server's session.ip), counted as rateLimitedAddress. */
export function peerAddress(addressAndPort: string): string {
  return rateLimitedAddress(addressAndPort.replace(/^\[?(.*?)\]?:\d+$/, '$1'));
}
