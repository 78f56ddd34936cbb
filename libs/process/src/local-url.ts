/** Where a listener on host:port is reached from this machine: a wildcard bind answers on loopback. */
export function localUrl(host: string, port: number, protocol = 'http'): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `${protocol}://${h.includes(':') ? `[${h}]` : h}:${port}`;
}
