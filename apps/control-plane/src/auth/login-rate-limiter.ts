import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ControlPlaneConfig } from '../config';
import { rateLimitedAddress } from '#domain';
import { RateLimitedError } from '../http/rate-limited-error';
import { RedisRateLimiter, waitInWords } from '../http/redis-rate-limiter';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';

/** How long an address that signed in to an account stays known to it (and exempt from that account's lock). */
const KNOWN_ADDRESS_MS = 30 * 24 * 3_600_000;

/**
 * The limits of sign-in, in Redis (shared by every control-plane instance, so a guesser cannot spread attempts
 * across them):
 * - attempts per client address and e-mail (LOGIN_RATE_LIMIT), and per client address whatever the e-mail
 *   (LOGIN_ADDRESS_LIMIT: one address spraying many accounts);
 * - wrong passwords per account from any address (LOGIN_ACCOUNT_LIMIT): past it the account's sign-in is locked
 *   for the rest of LOGIN_ACCOUNT_WINDOW, except from addresses that signed in to it before, so a botnet guessing
 *   one person's password cannot also lock that person out of their own office.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
    private readonly limits: RedisRateLimiter,
  ) {}

  /** Names the sign-in these limits count, in the Redis keys: Stage viewers sign in apart from account users. */
  protected readonly scope: string = 'login';

  private keys(clientAddress: string, email: string) {
    const account = email.trim().toLowerCase();
    const address = rateLimitedAddress(clientAddress);
    const prefix = `${this.config.REDIS_PREFIX}:${this.scope}`;
    return {
      address,
      perEmail: `${this.scope}:${address}:${account}`,
      perAddress: `${this.scope}-address:${address}`,
      failures: `${prefix}:failures:{${account}}`,
      known: `${prefix}:known:{${account}}`,
    };
  }

  /** Before the password is checked: throws a 429 when one of the limits is reached. */
  async hit(clientAddress: string, email: string): Promise<void> {
    const k = this.keys(clientAddress, email);
    const perEmail = await this.limits.hit({
      key: k.perEmail,
      limit: this.config.LOGIN_RATE_LIMIT,
      windowMs: this.config.LOGIN_RATE_WINDOW,
    });
    if (perEmail > 0) {
      throw new RateLimitedError(
        `too many login attempts for this email; try again in ${waitInWords(perEmail)}`,
        perEmail,
        'email',
      );
    }
    const perAddress = await this.limits.hit({
      key: k.perAddress,
      limit: this.config.LOGIN_ADDRESS_LIMIT,
      windowMs: this.config.LOGIN_ADDRESS_WINDOW,
    });
    if (perAddress > 0) {
      throw new RateLimitedError(
        `too many login attempts from your network; try again in ${waitInWords(perAddress)}`,
        perAddress,
      );
    }
    const [[, failures], [, ttl], [, known]] = (await this.redis
      .multi()
      .get(k.failures)
      .pttl(k.failures)
      .sismember(k.known, k.address)
      .exec()) as [[null, string | null], [null, number], [null, number]];
    if (Number(failures ?? 0) >= this.config.LOGIN_ACCOUNT_LIMIT && known !== 1) {
      const seconds = Math.max(1, Math.ceil((ttl > 0 ? ttl : this.config.LOGIN_ACCOUNT_WINDOW) / 1000));
      throw new RateLimitedError(
        `sign-in to this account is locked after too many wrong passwords; try again in ${waitInWords(seconds)}, or from a device that signed in to it before`,
        seconds,
        'email',
      );
    }
  }

  /** A wrong password (or an unknown e-mail: counted the same, so the answer does not tell them apart). */
  async failed(clientAddress: string, email: string): Promise<void> {
    const k = this.keys(clientAddress, email);
    const [, [, ttl]] = (await this.redis.multi().incr(k.failures).pttl(k.failures).exec()) as [
      [null, number],
      [null, number],
    ];
    // set when missing, not only on the first count: a counter left without expiry would lock the account for good
    if (ttl < 0) await this.redis.pexpire(k.failures, this.config.LOGIN_ACCOUNT_WINDOW);
  }

  async succeeded(clientAddress: string, email: string): Promise<void> {
    const k = this.keys(clientAddress, email);
    await this.redis
      .multi()
      .del(`${this.config.REDIS_PREFIX}:rate:${k.perEmail}`)
      .sadd(k.known, k.address)
      .pexpire(k.known, KNOWN_ADDRESS_MS)
      .exec();
  }
}
