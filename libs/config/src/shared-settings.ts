import { env } from './env-schema';

// Settings that several processes must agree on. The secrets they share are in secret-settings.ts: each process reads
// only the ones it uses.
export const sharedSettings = {
  REDIS_URL: env.url(
    'Redis for queues, admission state and the socket.io adapter',
    ['redis', 'rediss'],
    'redis://127.0.0.1:6379',
  ),
  REDIS_CLUSTER_NODES: env.optionalHostPorts(
    'seed nodes of a Redis Cluster to use instead of the one Redis of REDIS_URL, which then gives only the user, ' +
      'password and TLS (rediss) for every node; not yet read by the processes (issue 16: the seat ledger needs ' +
      'its attendance stream sharded first)',
  ),
  REDIS_PREFIX: env.string('prefix for every Redis key this deployment uses (tests give each run its own)', 'wc'),
  LOG_LEVEL: env.oneOf('log level', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
};
