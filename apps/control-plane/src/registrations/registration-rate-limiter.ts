import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ControlPlaneConfig } from '../config';
import { RateLimitedError } from '../http/rate-limited-error';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';

// One fixed-window counter per script call. The per-address and per-IP counters share no hash tag, so on Redis
// Cluster one script may not move both: each moves on its own, and both calls always run, as before.
// KEYS: the counter. ARGV: its window (ms). Returns [count, pttl].
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/**
 * Limits on the public registration form, per e-mail address (so nobody floods an inbox with confirmation mails)
 * and per client IP (so nobody fills an event with made-up registrants). The limits hold across control planes.
 */
@Injectable()
export class RegistrationRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async hit(email: string, clientAddress: string): Promise<void> {
    const prefix = `${this.config.REDIS_PREFIX}:registration-limit`;
    const count = (key: string, windowMs: number): Promise<[number, number]> =>
      this.redis.eval(HIT, 1, key, windowMs) as Promise<[number, number]>;
    const [[emailCount, emailTtl], [ipCount, ipTtl]] = await Promise.all([
      count(`${prefix}:email:${email}`, this.config.REGISTRATION_EMAIL_WINDOW),
      count(`${prefix}:ip:${clientAddress}`, this.config.REGISTRATION_IP_WINDOW),
    ]);
    const waits: number[] = [];
    if (ipCount > this.config.REGISTRATION_IP_LIMIT) waits.push(ipTtl);
    if (emailCount > this.config.REGISTRATION_EMAIL_LIMIT) waits.push(emailTtl);
    if (waits.length === 0) return;
    const seconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
    throw new RateLimitedError(
      ipCount > this.config.REGISTRATION_IP_LIMIT
        ? `too many registrations from your network; please try again in ${wait}`
        : `too many registrations for this e-mail address; please try again in ${wait}`,
      seconds,
      ipCount > this.config.REGISTRATION_IP_LIMIT ? undefined : 'email',
    );
  }
}
