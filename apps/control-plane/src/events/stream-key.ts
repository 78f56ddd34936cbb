import { randomBytes } from 'node:crypto';

/** 192 random bits, URL- and RTMP-safe. The key alone authorizes a publisher, so it must be unguessable. */
export function newStreamKey(): string {
  return randomBytes(24).toString('base64url');
}

/** The event's public registration link id: unguessable (96 bits) so schedules cannot be enumerated. */
export function newPublicSlug(): string {
  return randomBytes(12).toString('base64url');
}
