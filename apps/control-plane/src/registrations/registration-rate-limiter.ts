import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ControlPlaneConfig } from '../config';
import { RateLimitedError } from '../http/rate-limited-error';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';

// Both fixed-window counters move in one script, so every control plane sees the same counts at once.
// KEYS: per-address counter, per-IP counter. ARGV: their windows (ms). Returns [count, pttl] for each.
const HIT = `
local out = {}
for i = 1, 2 do
  local count = redis.call('INCR', KEYS[i])
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[i], ARGV[i])
    ttl = tonumber(ARGV[i])
  end
  out[#out + 1] = count
  out[#out + 1] = ttl
end
return out
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
    const [emailCount, emailTtl, ipCount, ipTtl] = (await this.redis.eval(
      HIT,
      2,
      `${prefix}:email:${email}`,
      `${prefix}:ip:${clientAddress}`,
      this.config.REGISTRATION_EMAIL_WINDOW,
      this.config.REGISTRATION_IP_WINDOW,
    )) as [number, number, number, number];
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
