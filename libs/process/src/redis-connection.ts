import { Cluster, Redis, RedisOptions } from 'ioredis';
import type { HostPort } from '#config';

/** The Redis settings every process has (libs/config sharedSettings). */
export interface RedisConnectionSettings {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: HostPort[];
}

/**
 * One connection to the deployment's Redis: a Cluster client on REDIS_CLUSTER_NODES when they are set, otherwise the
 * Redis of REDIS_URL. `options` are each node's (maxRetriesPerRequest, connectionName, ...), as for one Redis.
 */
export function createRedisConnection(settings: RedisConnectionSettings, options: RedisOptions = {}): Redis | Cluster {
  const nodes = settings.REDIS_CLUSTER_NODES ?? [];
  if (nodes.length === 0) return new Redis(settings.REDIS_URL, options);
  const url = new URL(settings.REDIS_URL);
  // the nodes are reached by the addresses the cluster announces, so the URL can only give how to log in to each
  const login: RedisOptions = {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return new Cluster(
    nodes.map((n) => ({ host: n.host, port: n.port })),
    {
      redisOptions: { ...login, ...options },
      // the cluster client's own switches, only when given: an undefined one would replace its default
      ...(options.lazyConnect !== undefined ? { lazyConnect: options.lazyConnect } : {}),
      ...(options.enableOfflineQueue !== undefined ? { enableOfflineQueue: options.enableOfflineQueue } : {}),
    },
  );
}
