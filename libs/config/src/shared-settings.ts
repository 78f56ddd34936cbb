import { env } from './env-schema';

// Settings that several processes must agree on. The secrets they share are in secret-settings.ts: each process reads
// only the ones it uses.
export const sharedSettings = {
  REDIS_URL: env.url(
    'Redis for queues, admission state and the socket.io adapter',
    ['redis', 'rediss'],
    'redis://127.0.0.1:6379',
  ),
  REDIS_PREFIX: env.string('prefix for every Redis key this deployment uses (tests give each run its own)', 'wc'),
  LOG_LEVEL: env.oneOf('log level', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
};
