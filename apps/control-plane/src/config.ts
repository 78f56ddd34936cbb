import { hostname } from 'node:os';
import {
  ConfigOf,
  EnvVar,
  documentedAs,
  env,
  internalApiToken,
  joinTokenSecret,
  playbackTokenSecret,
  secret,
  sharedSettings,
} from '#config';
import { MAX_EVENT_DURATION_MS } from '#domain';
import { storageSettings } from '#storage';
import { attendeeSettings } from './attendee/attendee-settings';
import { rateLimitSettings } from './http/rate-limit-settings';
import { registrationSettings } from './registrations/registration-settings';
import { webhookSettings } from './webhooks/webhook-settings';

// The schema name goes into SQL and the connection's search_path: only a plain identifier is accepted.
function sqlIdentifier(describe: string): EnvVar<string | undefined> {
  return {
    describe: `${describe} (letters, digits and _, not starting with a digit, at most 63)`,
    default: undefined,
    parse: (r) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(r)) throw new Error('invalid');
      return r;
    },
  };
}

function currencyCode(describe: string, def: string): EnvVar<string> {
  return {
    describe,
    default: def,
    parse: (r) => {
      if (!/^[A-Z]{3}$/.test(r)) throw new Error('invalid');
      return r;
    },
  };
}

// Every variable the control plane reads, validated once at start (a bad one stops the process with one line).
// Other parts of the control plane (media, attendance, live, player) add their variables here.
export const controlPlaneSettings = {
  NODE_ENV: env.string(
    'production turns on the checks of a production install (/health warns of Redis settings that lose work)',
    'development',
  ),
  HOST: env.string('interface the HTTP server binds to', '127.0.0.1'),
  PORT: env.port('HTTP port of the control plane (0 = any free port)', 3000),
  INTERNAL_PORT: {
    describe:
      'a second HTTP port for the internal API (ingest, transcoders: /api/internal/*); when set, the public port answers 404 there and this one answers nothing else (unset = one port for both)',
    default: undefined,
    parse: (raw: string) => {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error('invalid');
      return n;
    },
  } as EnvVar<number | undefined>,
  INTERNAL_HOST: env.string(
    'interface the internal API port binds to (a private network, not the internet)',
    '127.0.0.1',
  ),
  DATABASE_URL: env.optionalUrl('PostgreSQL connection URL; unset = embedded PGlite', ['postgres', 'postgresql']),
  DATABASE_SCHEMA: sqlIdentifier('PostgreSQL schema to work in, created when missing (unset = public)'),
  PGLITE_DIR: env.optionalString(
    'folder of the embedded PGlite database when DATABASE_URL is unset (unset = in memory)',
  ),
  JWT_SECRET: secret('HMAC secret signing access tokens'),
  ACCESS_TOKEN_TTL: env.duration('lifetime of an access token', 12 * 3_600_000),
  SEED_DEMO: env.bool('create the demo account, administrator, organizer and order at start when missing', false),
  EVENT_MAX_DURATION: env.duration('longest an event may be scheduled for, and the live cap', MAX_EVENT_DURATION_MS),
  PUBLIC_BASE_URL: env.optionalUrl('base URL attendees reach the web UI at, used in join links (unset = this server)', [
    'http',
    'https',
  ]),
  LOGIN_RATE_LIMIT: env.int(
    'login attempts allowed per client address and email within LOGIN_RATE_WINDOW',
    1,
    100_000,
    10,
  ),
  LOGIN_RATE_WINDOW: env.duration('window of the login rate limit', 60_000),
  S3_CORS_ORIGINS: {
    describe:
      'web origins besides PUBLIC_BASE_URL that may read media from a bucket the control plane creates (comma-separated, e.g. a site embedding the player)',
    default: [],
    parse: (raw: string) =>
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((u) => new URL(u).origin),
    format: (v: string[]) => v.join(','),
  } as EnvVar<string[]>,
  RECONCILE_INTERVAL: env.duration(
    'how often the control plane checks unfinished work against the queues (jobs Redis lost are queued again)',
    60_000,
  ),
  RECONCILE_GRACE: env.duration(
    'how long an asset may be queued with no job before its job counts as lost (a job is added right after)',
    30_000,
  ),
  LOGIN_ADDRESS_LIMIT: env.int(
    'login attempts allowed per client address (an IPv6 /64) whatever the email, within LOGIN_ADDRESS_WINDOW',
    1,
    1_000_000,
    100,
  ),
  LOGIN_ADDRESS_WINDOW: env.duration('window of the per-address login limit', 15 * 60_000),
  LOGIN_ACCOUNT_LIMIT: env.int(
    'wrong passwords for one account, from any address, before its sign-in is locked for the rest of LOGIN_ACCOUNT_WINDOW (addresses that signed in to it before stay allowed)',
    1,
    1_000_000,
    10,
  ),
  LOGIN_ACCOUNT_WINDOW: env.duration('window of the per-account login lock', 15 * 60_000),
  ATTENDANCE_CONSUMER: documentedAs(
    'control-plane-<hostname>',
    env.string(
      'name of this control plane in the consumer groups of the attendance and chat streams (stable across restarts, so its pending entries are read again)',
      `control-plane-${hostname()}`,
    ),
  ),
  ATTENDANCE_CLAIM_IDLE: env.duration(
    'how long an attendance or chat entry may sit unacknowledged at another control plane before this one takes it over',
    60_000,
  ),
  BILLING_CURRENCY: currencyCode('ISO 4217 currency of overage rates and fees (three capital letters)', 'EUR'),
  UPLOAD_MAX_BYTES: env.int('largest media source an organizer may upload, in bytes', 1, 5 * 1024 ** 3, 2 * 1024 ** 3),
  VOD_JOB_ATTEMPTS: env.int(
    'attempts of a vod job before it fails (storage and network errors retry; unplayable files never do)',
    1,
    50,
    5,
  ),
  VOD_RETRY_BACKOFF: env.duration('first retry delay of a vod job, doubled on each further attempt', 2000),
  LIVE_RTMP_URL: env.url(
    'RTMP server URL presenters put in OBS (ingest\'s public address, app "live")',
    ['rtmp', 'rtmps'],
    'rtmp://127.0.0.1:1935/live',
  ),
  LIVE_SEGMENT_SECONDS: env.int(
    'live HLS segment length in seconds (a source whose keyframes are further apart gets segments as long as they)',
    1,
    10,
    1,
  ),
  LIVE_EARLY_START: env.duration(
    "how long before its scheduled start an event accepts its presenter's stream",
    15 * 60_000,
  ),
  LIVE_CAP_SWEEP_INTERVAL: env.duration(
    'how often the control plane ends live events past actual start + EVENT_MAX_DURATION',
    5000,
  ),
  SIMULIVE_SWEEP_INTERVAL: env.duration(
    'how often the control plane opens simulive events at their start and ends them with their video',
    1000,
  ),
  ...attendeeSettings,
  ...rateLimitSettings,
  ...registrationSettings,
  ...webhookSettings,
  ...storageSettings,
  ...sharedSettings,
  ...joinTokenSecret,
  ...playbackTokenSecret,
  ...internalApiToken,
};

export type ControlPlaneConfig = ConfigOf<typeof controlPlaneSettings>;
