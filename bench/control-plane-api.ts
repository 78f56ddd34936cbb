// bench:control-plane: throughput of the control plane's main calls, each as a ratio to GET /health (one DB and one
// Redis round trip) measured in the same run, on PostgreSQL and on embedded PGlite. 8 clients in parallel.
import { cpus } from 'node:os';
import { readConfig } from '#config';
import { AccountSetupService, controlPlaneSettings, createControlPlane } from '#control-plane';
import { testSecrets, uniqueRedisPrefix } from '#test-support';
import {
  ControlPlaneHarness,
  SeededCustomer,
  apiClient,
  deleteKeys,
  startControlPlane,
} from '#test-support/control-plane-harness';

const CLIENTS = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const HOUR = 3_600_000;

async function rate(label: string, call: (i: number) => Promise<number>): Promise<number> {
  let done = 0;
  let failed = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const status = await call(done + failed);
        if (status >= 200 && status < 300) done++;
        else failed++;
      }
    }),
  );
  if (failed > 0) throw new Error(`${label}: ${failed} calls failed`);
  return done / SECONDS;
}

async function measure(db: string, url: string, s: SeededCustomer): Promise<void> {
  const anon = apiClient(url);
  const organizer = apiClient(url, s.organizer.token);
  // Each organizer's events must not overlap: one-hour slots, one after another, from a day ahead.
  const base = Date.now() + 24 * HOUR;
  let slot = 0;
  const health = await rate('health', async () => (await anon.get('/health')).status);
  const results: [string, number][] = [
    ['GET /health (baseline)', health],
    [
      'POST /api/auth/login (scrypt)',
      await rate(
        'login',
        async () =>
          (await anon.post('/api/auth/login', { email: s.organizer.email, password: s.organizer.password })).status,
      ),
    ],
    [
      'POST /api/events',
      await rate('schedule', async () => {
        const start = base + slot++ * HOUR;
        return (
          await organizer.post('/api/events', {
            title: 'Bench',
            startsAt: new Date(start).toISOString(),
            endsAt: new Date(start + HOUR).toISOString(),
            mode: 'live',
          })
        ).status;
      }),
    ],
    [
      'GET /api/events?state=live',
      await rate('list', async () => (await organizer.get('/api/events?state=live')).status),
    ],
  ];
  for (const [what, perSecond] of results) {
    console.log(
      `${db.padEnd(10)} ${what.padEnd(34)} ${perSecond.toFixed(0).padStart(6)} req/s   ${(perSecond / health).toFixed(2)} x baseline`,
    );
  }
}

async function main(): Promise<void> {
  console.log(
    `control-plane API, ${CLIENTS} clients, ${SECONDS} s per call, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`,
  );
  const pg: ControlPlaneHarness = await startControlPlane({ LOGIN_RATE_LIMIT: 1_000_000 });
  try {
    await measure('postgres', pg.url, await pg.seed());
  } finally {
    await pg.close();
  }
  const config = {
    ...readConfig(controlPlaneSettings, testSecrets()),
    PORT: 0,
    REDIS_PREFIX: uniqueRedisPrefix('bench-cp'),
    LOG_LEVEL: 'silent' as const,
    LOGIN_RATE_LIMIT: 1_000_000,
    LOGIN_ADDRESS_LIMIT: 1_000_000,
  };
  const lite = await createControlPlane(config);
  try {
    const now = Date.now();
    const created = await lite.app.get(AccountSetupService).createCustomer({
      accountName: 'Bench',
      admin: { email: 'bench.admin@example.com', name: 'Admin', password: 'bench-admin-password' },
      order: {
        seats: 1,
        attendeeLimit: 100,
        overageRateCents: 0,
        overagePolicy: 'block',
        overageCap: null,
        validFrom: new Date(now - 86_400_000),
        validUntil: new Date(now + 400 * 86_400_000),
      },
      organizers: [{ email: 'bench.organizer@example.com', name: 'Organizer', password: 'bench-organizer-password' }],
    });
    const token = (
      await apiClient(lite.url).post('/api/auth/login', {
        email: 'bench.organizer@example.com',
        password: 'bench-organizer-password',
      })
    ).body.accessToken;
    await measure('pglite', lite.url, {
      accountId: created.accountId,
      orderId: created.orderId,
      admin: { id: created.adminId, email: 'bench.admin@example.com', password: 'bench-admin-password', token: '' },
      organizer: {
        id: created.organizerIds[0],
        email: 'bench.organizer@example.com',
        password: 'bench-organizer-password',
        token,
      },
    });
  } finally {
    await lite.close();
    await deleteKeys(config.REDIS_URL, config.REDIS_PREFIX);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
