import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ControlPlaneConfig } from '../config';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';
import { RateLimitedError } from './rate-limited-error';

// A fixed-window counter in Redis, so every control-plane instance counts the same attempts. One key per script
// (each limit is its own call), so the counters may live on different nodes of a Redis Cluster.
// KEYS[1]: the counter; ARGV: limit, window (ms). Returns the wait in ms when over the limit, else 0.
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
if count > tonumber(ARGV[1]) then return ttl end
return 0
`;

export interface RateLimit {
  /** Names what is counted, e.g. `join:203.0.113.7`; it becomes part of a Redis key. */
  key: string;
  limit: number;
  windowMs: number;
}

/** What a token is counted under: a digest, so the Redis keys hold no usable token. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

/** How a wait reads in a refusal: seconds under a minute and a half, minutes above. */
export function waitInWords(seconds: number): string {
  return seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

@Injectable()
export class RedisRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  /** Counts one attempt against every limit; the wait in seconds when one is exceeded, else 0. */
  async hit(...limits: RateLimit[]): Promise<number> {
    const waits = (await Promise.all(
      limits.map((l) => this.redis.eval(HIT, 1, `${this.config.REDIS_PREFIX}:rate:${l.key}`, l.limit, l.windowMs)),
    )) as number[];
    const waitMs = Math.max(0, ...waits);
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
  }

  /** Like hit, and throws a 429 (with Retry-After) saying `what` when a limit is exceeded. */
  async enforce(what: (wait: string) => string, ...limits: RateLimit[]): Promise<void> {
    const seconds = await this.hit(...limits);
    if (seconds > 0) throw new RateLimitedError(what(waitInWords(seconds)), seconds);
  }
}
