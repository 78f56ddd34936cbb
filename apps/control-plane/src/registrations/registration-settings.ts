import { EnvVar, env, parseDuration } from '#config';
import { mailSettings } from '#mail';

// How long before the start each reminder goes out, e.g. "24h,15m" (tests use seconds).
function durationList(describe: string, def: number[]): EnvVar<number[]> {
  return {
    describe: `${describe} (comma-separated durations such as 24h,15m; empty list not allowed)`,
    default: def,
    parse: (raw) => {
      const list = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(parseDuration);
      if (list.length === 0) throw new Error('empty');
      return [...new Set(list)].sort((a, b) => b - a);
    },
  };
}

// Express's `trust proxy`: how the client IP the limits count is read behind a reverse proxy or load balancer.
function trustProxy(describe: string): EnvVar<boolean | number | string> {
  return {
    describe: `${describe} (false, true, a number of proxy hops, or addresses/subnets such as loopback,10.0.0.0/8)`,
    default: false,
    parse: (raw) => {
      if (raw === 'false') return false;
      if (raw === 'true') return true;
      if (/^\d+$/.test(raw)) return Number(raw);
      if (!/^[\w.:/,\s-]+$/.test(raw)) throw new Error('invalid');
      return raw;
    },
  };
}

// Registration by e-mail: the mail transport, the mail queue, reminders and the limits of the public form.
export const registrationSettings = {
  ...mailSettings,
  REMINDER_OFFSETS: durationList('reminder mails before an event starts', [24 * 3_600_000, 15 * 60_000]),
  MAIL_JOB_ATTEMPTS: env.int('attempts of a mail before it counts as failed for good', 1, 50, 8),
  MAIL_RETRY_BACKOFF: env.duration('first retry delay of a mail, doubled on each further attempt', 5000),
  MAIL_CONCURRENCY: env.int('mails one control plane sends at once', 1, 100, 4),
  REGISTRATION_EMAIL_LIMIT: env.int(
    'public registrations (and re-sent links) one e-mail address may ask for within REGISTRATION_EMAIL_WINDOW',
    1,
    10_000,
    5,
  ),
  REGISTRATION_EMAIL_WINDOW: env.duration('window of the per-address registration limit', 10 * 60_000),
  REGISTRATION_IP_LIMIT: env.int(
    'public registrations one client IP (an IPv6 /64) may make within REGISTRATION_IP_WINDOW; attendees behind one office NAT share it',
    1,
    1_000_000,
    30,
  ),
  REGISTRATION_IP_WINDOW: env.duration('window of the per-IP registration limit', 60_000),
  TRUST_PROXY: trustProxy(
    'which X-Forwarded-For hops to believe for the client IP of rate limits (unset = the socket address: right without a proxy, one shared address behind one)',
  ),
};
