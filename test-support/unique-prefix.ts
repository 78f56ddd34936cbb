import { randomBytes } from 'node:crypto';

/** A Redis key prefix of this test run's own, so parallel runs sharing one Redis never see each other's keys. */
export function uniqueRedisPrefix(label: string): string {
  return `test:${label}:${randomBytes(4).toString('hex')}`;
}
