import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DomainError } from '#domain';
import type { ControlPlaneConfig } from '../config';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';

// A fixed-window counter in Redis per client address + email: shared by every control-plane instance, so a
// guesser cannot spread attempts across them.
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async hit(clientAddress: string, email: string): Promise<void> {
    const key = `${this.config.REDIS_PREFIX}:login-attempts:${clientAddress}:${email.trim().toLowerCase()}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(key).pttl(key).exec()) as [
      [null, number],
      [null, number],
    ];
    if (ttl < 0) await this.redis.pexpire(key, this.config.LOGIN_RATE_WINDOW);
    if (count > this.config.LOGIN_RATE_LIMIT) {
      const wait = Math.ceil((ttl > 0 ? ttl : this.config.LOGIN_RATE_WINDOW) / 1000);
      throw new DomainError('rate_limited', `too many login attempts for this email; try again in ${wait} s`, 'email');
    }
  }

  async reset(clientAddress: string, email: string): Promise<void> {
    await this.redis.del(`${this.config.REDIS_PREFIX}:login-attempts:${clientAddress}:${email.trim().toLowerCase()}`);
  }
}
