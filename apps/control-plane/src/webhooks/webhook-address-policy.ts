import { BlockList, isIP } from 'node:net';
import { DomainError } from '#domain';

// Where the platform may send webhooks. Receivers are chosen by customers, so a URL could point at the platform's own
// internals (the internal API, Redis, a cloud metadata service): those ranges are refused unless the operator allows
// them, and the check is made again on the address the name resolves to at each delivery (DNS can change).

const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6');
}

/** True for loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses (IPv4-mapped too). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: never connect to it
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface AddressPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
}

/** Validates a webhook URL as typed (scheme, credentials, literal addresses); names are checked again when resolved. */
export function checkWebhookUrl(raw: string, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('invalid', 'the URL is not a valid absolute URL (https://…)', 'url');
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
    throw new DomainError('invalid', 'webhook URLs must use https', 'url');
  }
  if (url.username || url.password) {
    throw new DomainError('invalid', 'put no user name or password in the URL; verify the signature instead', 'url');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const internalName = host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal');
  if (!policy.allowPrivate && (internalName || (isIP(host) !== 0 && isInternalAddress(host)))) {
    throw new DomainError(
      'invalid',
      'webhook URLs may not point at loopback, private or internal addresses on this installation',
      'url',
    );
  }
  return url;
}
