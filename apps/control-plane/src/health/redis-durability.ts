import type { Redis } from 'ioredis';

/** The Redis settings that decide what a restart or memory pressure can take away. */
export interface RedisDurability {
  appendonly: string;
  save: string;
  maxmemoryPolicy: string;
}

/**
 * What an operator should hear about them: the platform heals seats and queues work again after a loss (see
 * docs/architecture.md, "When Redis loses its state"), but each loss costs a healing window and retries.
 */
export function durabilityWarnings(d: RedisDurability): string[] {
  const out: string[] = [];
  if (d.appendonly === 'no' && d.save.trim() === '') {
    out.push(
      'Redis keeps nothing on disk (appendonly no, no save points): a restart forgets queued jobs and seats until they are healed; turn on appendonly',
    );
  }
  if (d.maxmemoryPolicy !== 'noeviction') {
    out.push(
      `Redis maxmemory-policy is ${d.maxmemoryPolicy}: under memory pressure it may evict queued jobs and seats; BullMQ needs noeviction`,
    );
  }
  return out;
}

/** Reads the settings; null where CONFIG is not allowed (many managed Redis services rename it). */
export async function readRedisDurability(redis: Redis): Promise<RedisDurability | null> {
  try {
    const get = async (name: string) => (await redis.config('GET', name))[1] ?? '';
    return {
      appendonly: await get('appendonly'),
      save: await get('save'),
      maxmemoryPolicy: await get('maxmemory-policy'),
    };
  } catch {
    return null;
  }
}
