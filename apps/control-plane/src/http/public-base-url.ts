import type { ControlPlaneConfig } from '../config';

/** Where people reach this deployment: PUBLIC_BASE_URL, else the server's own address. */
export function publicBaseUrl(config: ControlPlaneConfig): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host}:${config.PORT}`;
}
