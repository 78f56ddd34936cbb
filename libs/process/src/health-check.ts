import { settleWithin } from './settle-within';

/** One dependency or part of a process: true when it works. A check that throws or hangs counts as down. */
export type HealthCheck = () => boolean | Promise<boolean>;
export type HealthChecks = Record<string, HealthCheck>;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
}

/** A check that answers within this long or counts as down, so /health answers while a dependency hangs. */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

/** The one rule of every process's /health: ok when every named check is up, unavailable naming each one. */
export function healthReport(results: Record<string, boolean>): HealthReport {
  const checks = Object.fromEntries(Object.entries(results).map(([name, up]) => [name, up ? 'up' : 'down'] as const));
  return { status: Object.values(results).every(Boolean) ? 'ok' : 'unavailable', checks };
}

export function healthStatusCode(report: HealthReport): 200 | 503 {
  return report.status === 'ok' ? 200 : 503;
}

/** Runs every check at once, each given `timeoutMs`. */
export async function runHealthChecks(
  checks: HealthChecks,
  timeoutMs = HEALTH_CHECK_TIMEOUT_MS,
): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) =>
      settleWithin(
        Promise.resolve()
          .then(checks[name])
          .then((up) => up === true),
        false,
        timeoutMs,
      ),
    ),
  );
  return healthReport(Object.fromEntries(names.map((name, i) => [name, results[i]])));
}

/** The part of an ioredis client a check needs. */
export interface PingableRedis {
  status: string;
  ping(): Promise<string>;
}

/**
 * Redis answers this client. A client that is not connected counts as down at once: ioredis would queue the ping
 * until it reconnects.
 */
export function redisCheck(redis: PingableRedis): HealthCheck {
  return async () => redis.status === 'ready' && (await redis.ping()) === 'PONG';
}
