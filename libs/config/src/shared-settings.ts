import { env } from './env-schema';

// Settings that several processes must agree on. The development defaults let `npm start` run with no setup;
// production deployments set their own secrets (docker-compose.yml shows where).
export const sharedSettings = {
  REDIS_URL: env.url(
    'Redis for queues, admission state and the socket.io adapter',
    ['redis', 'rediss'],
    'redis://127.0.0.1:6379',
  ),
  REDIS_PREFIX: env.string('prefix for every Redis key this deployment uses (tests give each run its own)', 'wc'),
  JOIN_TOKEN_SECRET: env.string(
    "HMAC secret signing attendees' join links (32+ characters)",
    'dev-join-token-secret-change-me-0123456789',
    32,
  ),
  PLAYBACK_TOKEN_SECRET: env.string(
    'HMAC secret signing short-lived playback tokens (32+ characters)',
    'dev-playback-token-secret-change-me-012345',
    32,
  ),
  INTERNAL_API_TOKEN: env.string(
    'shared secret for process-to-process calls (ingest, admission -> control plane; 16+ characters)',
    'dev-internal-api-token-change-me',
    16,
  ),
  LOG_LEVEL: env.oneOf('log level', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
};
