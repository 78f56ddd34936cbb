import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { readConfig } from '#config';
import type { Database } from '#database';
import { SmtpCatcher, startSmtpCatcher } from '#mail';
import { EMBEDDED_S3_CREDENTIALS, EmbeddedS3, startEmbeddedS3 } from '#storage';
import {
  AccountSetupService,
  ControlPlane,
  ControlPlaneConfig,
  NewCustomer,
  OperatorLoginsService,
  controlPlaneSettings,
  createControlPlane,
} from '#control-plane';
import { createTestDatabase } from './test-database';
import { testSecrets } from './test-secrets';
import { uniqueRedisPrefix } from './unique-prefix';

// Starts a real control plane for an end-to-end test: its own PostgreSQL schema, its own Redis prefix, its own
// embedded S3 endpoint (unless the test passes S3_ENDPOINT), its own SMTP catcher (unless it passes SMTP_URL), port 0.
// Other parts' tests use it too: keep this signature stable.

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts?: { raw?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string): Promise<ApiResponse<T>>;
}

export interface SeededLogin {
  email: string;
  password: string;
  token: string;
}

export interface SeededCustomer {
  accountId: string;
  orderId: string;
  admin: SeededLogin & { id: string };
  organizer: SeededLogin & { id: string };
}

export interface SeedOptions {
  seats?: number;
  attendeeLimit?: number;
  overagePolicy?: 'bill' | 'block';
  overageCap?: number | null;
  overageRateCents?: number;
}

export interface ControlPlaneHarness {
  url: string;
  db: Database;
  config: ControlPlaneConfig;
  controlPlane: ControlPlane;
  /** The SMTP catcher the control plane's mails go to (its outbox folder holds them); absent with SMTP_URL. */
  mailCatcher?: SmtpCatcher;
  /** Creates a fresh account (admin + one organizer + one order valid from a day ago for a year) and signs both in. */
  seed(options?: SeedOptions): Promise<SeededCustomer>;
  /** Creates a platform operator (a user outside every account) and signs it in. */
  seedOperator(): Promise<SeededLogin & { id: string }>;
  api(token?: string): ApiClient;
  /** Stops the control plane as a deploy would; its database schema and Redis keys stay, for restart(). */
  stop(): Promise<void>;
  /**
   * Starts a new control plane on the same database schema, Redis prefix and secrets (after stop(), or in place of
   * one that is still running); `url`, `db`, `config` and `controlPlane` then name the new one.
   */
  restart(overrides?: Partial<ControlPlaneConfig>): Promise<void>;
  close(): Promise<void>;
}

export function apiClient(baseUrl: string, token?: string): ApiClient {
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    opts: { raw?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    request,
    get: (p) => request('GET', p),
    post: (p, b) => request('POST', p, b),
    patch: (p, b) => request('PATCH', p, b),
    put: (p, b) => request('PUT', p, b),
    delete: (p) => request('DELETE', p),
  };
}

const DAY_MS = 24 * 3600 * 1000;

/** An embedded S3 endpoint of this run's own when the control plane reads S3 settings and the test gave none. */
async function embeddedStorage(
  overrides: Record<string, unknown>,
): Promise<{ settings: Record<string, unknown>; close(): Promise<void> }> {
  if (!('S3_ENDPOINT' in controlPlaneSettings) || 'S3_ENDPOINT' in overrides) {
    return { settings: {}, close: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cp-s3-'));
  const s3: EmbeddedS3 = await startEmbeddedS3({ dir });
  return {
    settings: {
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.accessKey,
      S3_SECRET_KEY: EMBEDDED_S3_CREDENTIALS.secretKey,
    },
    async close() {
      await s3.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real SMTP catcher of this run's own (a free port, a temporary outbox) unless the test sends mail elsewhere. */
async function embeddedMail(
  overrides: Record<string, unknown>,
): Promise<{ settings: Record<string, unknown>; catcher?: SmtpCatcher; close(): Promise<void> }> {
  if ('SMTP_URL' in overrides || 'MAIL_CATCHER_PORT' in overrides) {
    return { settings: {}, close: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cp-outbox-'));
  const catcher = await startSmtpCatcher({ dir });
  return {
    settings: { SMTP_URL: undefined, MAIL_CATCHER_PORT: catcher.port, MAIL_OUTBOX_DIR: dir },
    catcher,
    async close() {
      await catcher.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A second control plane behind the same load balancer as `first`: its database schema, Redis prefix and secrets,
 * so a limit or a token of one holds on the other.
 */
export function startPeerControlPlane(
  first: ControlPlaneHarness,
  overrides: Partial<ControlPlaneConfig> = {},
): Promise<ControlPlaneHarness> {
  const c = first.config;
  return startControlPlane({
    ...overrides,
    DATABASE_URL: c.DATABASE_URL,
    DATABASE_SCHEMA: c.DATABASE_SCHEMA,
    REDIS_PREFIX: c.REDIS_PREFIX,
    JWT_SECRET: c.JWT_SECRET,
    JOIN_TOKEN_SECRET: c.JOIN_TOKEN_SECRET,
    PLAYBACK_TOKEN_SECRET: c.PLAYBACK_TOKEN_SECRET,
    INTERNAL_API_TOKEN: c.INTERNAL_API_TOKEN,
  });
}

export async function startControlPlane(overrides: Partial<ControlPlaneConfig> = {}): Promise<ControlPlaneHarness> {
  const testDb = await createTestDatabase('cp');
  const storage = await embeddedStorage(overrides);
  const mail = await embeddedMail(overrides);
  let config: ControlPlaneConfig = {
    ...readConfig(controlPlaneSettings, testSecrets()),
    PORT: 0,
    DATABASE_URL: testDb.url,
    DATABASE_SCHEMA: testDb.schema,
    REDIS_PREFIX: uniqueRedisPrefix('cp'),
    LOG_LEVEL: 'silent',
    // Tests sign in many times from one address.
    LOGIN_RATE_LIMIT: 1000,
    LOGIN_ADDRESS_LIMIT: 100_000,
    JOIN_INFO_RATE_LIMIT: 100_000,
    KEY_RATE_LIMIT: 100_000,
    STAGE_SEARCH_RATE_LIMIT: 100_000,
    // Mails are retried quickly, so a test that breaks SMTP on purpose sees the outcome soon.
    MAIL_RETRY_BACKOFF: 200,
    ...(storage.settings as Partial<ControlPlaneConfig>),
    ...(mail.settings as Partial<ControlPlaneConfig>),
    ...overrides,
  };
  // createControlPlane writes the ports it bound into the config: a restart binds afresh, as the first start did
  const requested = { PORT: config.PORT, INTERNAL_PORT: config.INTERNAL_PORT };
  let cp: ControlPlane;
  try {
    cp = await createControlPlane(config);
  } catch (e) {
    await mail.close();
    await storage.close();
    await testDb.drop();
    throw e;
  }

  const login = async (email: string, password: string) => {
    const r = await apiClient(cp.url).post('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`harness: login of ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.accessToken as string;
  };

  const seedOperator = async () => {
    const tag = randomBytes(4).toString('hex');
    const operator = {
      email: `margaret.hamilton.${tag}@example.com`,
      name: 'Margaret Hamilton',
      password: `operator-pass-${tag}`,
    };
    const created = await cp.app.get(OperatorLoginsService).create(operator);
    return {
      id: created.id,
      email: operator.email,
      password: operator.password,
      token: await login(operator.email, operator.password),
    };
  };

  const seed = async (o: SeedOptions = {}): Promise<SeededCustomer> => {
    const tag = randomBytes(4).toString('hex');
    const admin = { email: `grace.hopper.${tag}@example.com`, name: 'Grace Hopper', password: `admin-pass-${tag}` };
    const organizer = {
      email: `ada.lovelace.${tag}@example.com`,
      name: 'Ada Lovelace',
      password: `organizer-pass-${tag}`,
    };
    const now = Date.now();
    const customer: NewCustomer = {
      accountName: `Account ${tag}`,
      admin,
      order: {
        seats: o.seats ?? 2,
        attendeeLimit: o.attendeeLimit ?? 100,
        overageRateCents: o.overageRateCents ?? 200,
        overagePolicy: o.overagePolicy ?? 'bill',
        overageCap: o.overageCap === undefined ? null : o.overageCap,
        validFrom: new Date(now - DAY_MS),
        validUntil: new Date(now + 365 * DAY_MS),
      },
      organizers: [organizer],
    };
    const created = await cp.app.get(AccountSetupService).createCustomer(customer);
    return {
      accountId: created.accountId,
      orderId: created.orderId,
      admin: {
        id: created.adminId,
        email: admin.email,
        password: admin.password,
        token: await login(admin.email, admin.password),
      },
      organizer: {
        id: created.organizerIds[0],
        email: organizer.email,
        password: organizer.password,
        token: await login(organizer.email, organizer.password),
      },
    };
  };

  return {
    get url() {
      return cp.url;
    },
    get db() {
      return cp.db;
    },
    get config() {
      return config;
    },
    get controlPlane() {
      return cp;
    },
    mailCatcher: mail.catcher,
    seed,
    seedOperator,
    api: (token?: string) => apiClient(cp.url, token),
    async stop() {
      await cp.close();
    },
    async restart(next: Partial<ControlPlaneConfig> = {}) {
      await cp.close();
      config = { ...config, ...requested, ...next };
      cp = await createControlPlane(config);
    },
    async close() {
      await cp.close();
      await deleteKeys(config.REDIS_URL, config.REDIS_PREFIX);
      await mail.close();
      await storage.close();
      await testDb.drop();
    },
  };
}

/** Removes every Redis key under a test prefix. */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
