import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { io, Socket } from 'socket.io-client';
import type { AdmissionTerms } from '#domain';
import {
  ClientToServerEvents,
  Decision,
  EventSnapshot,
  ServerToClientEvents,
  eventChangeChannel,
  eventSnapshotKey,
} from '#contracts';
import { SeatLedger, LedgerEvent } from '#seat-ledger';
import { signJoinToken } from '#tokens';
import { freePort } from './free-port';
import { randomSecret } from './test-secrets';
import { uniqueRedisPrefix } from './unique-prefix';

// Real admission nodes as child processes of the built app, sharing one Redis under a prefix of the test's own.
// The secrets are this run's own (no secret has a default), shared by every node the run starts.
export const TEST_JOIN_SECRET = randomSecret();
export const TEST_PLAYBACK_SECRET = randomSecret();
const MAIN = resolve(__dirname, '../apps/admission/src/main.js');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface AdmissionProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface AdmissionCluster {
  prefix: string;
  redis: Redis;
  nodes: AdmissionProcess[];
  /** Writes the snapshot to Redis as the control plane does and announces the change. */
  publishEvent(snapshot: EventSnapshot): Promise<void>;
  ledger: SeatLedger;
  close(): Promise<void>;
}

export async function startAdmissionCluster(
  label: string,
  env: Record<string, string> = {},
  count = 2,
  prefix = uniqueRedisPrefix(label),
): Promise<AdmissionCluster> {
  // env.REDIS_URL: a test's own redis-server (one it restarts), for the nodes and this harness alike
  const redis = new Redis(env.REDIS_URL ?? REDIS_URL, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const nodes = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      startAdmissionProcess(`${label}-${String.fromCharCode(97 + i)}`, prefix, env),
    ),
  );
  return {
    prefix,
    redis,
    nodes,
    ledger: new SeatLedger(redis, prefix, { leaseMs: Number(env.LEASE_TTL_MS ?? 30_000) }),
    async publishEvent(s) {
      await redis.set(eventSnapshotKey(prefix, s.id), JSON.stringify(s));
      await redis.publish(
        eventChangeChannel(prefix),
        JSON.stringify({ eventId: s.id, state: s.state, version: s.version }),
      );
    },
    async close() {
      await Promise.all(nodes.map((n) => n.stop()));
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}

export async function startAdmissionProcess(
  name: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<AdmissionProcess> {
  const port = await freePort();
  // ADMISSION_NODE_ARGS passes flags to the node processes, e.g. --cpu-prof when profiling a benchmark
  const child = spawn(
    process.execPath,
    [...(process.env.ADMISSION_NODE_ARGS?.split(' ').filter(Boolean) ?? []), MAIN],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ID: name,
        REDIS_URL,
        REDIS_PREFIX: prefix,
        JOIN_TOKEN_SECRET: TEST_JOIN_SECRET,
        PLAYBACK_TOKEN_SECRET: TEST_PLAYBACK_SECRET,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  await new Promise<void>((ready, fail) => {
    const onData = (d: Buffer) => {
      output.push(String(d));
      if (String(d).includes('admission ready')) ready();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => output.push(String(d)));
    child.once('exit', (code) =>
      fail(new Error(`admission node ${name} exited (${code}) before it was ready:\n${output.join('')}`)),
    );
  });
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((r) => {
        // a node that does not finish its shutdown in time is killed, so a test never hangs on it
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          r();
        });
        child.kill(signal);
      });
    },
  };
}

export function liveEvent(terms: Partial<AdmissionTerms> = {}, extra: Partial<EventSnapshot> = {}): EventSnapshot {
  const now = Date.now();
  return {
    id: randomUUID(),
    accountId: randomUUID(),
    organizerId: randomUUID(),
    state: 'live',
    mode: 'live',
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
    actualStartAt: new Date(now).toISOString(),
    endedAt: null,
    terms: { attendeeLimit: 100, bufferPercent: 10, overagePolicy: 'bill', overageCap: null, ...terms },
    overageRateCents: 250,
    maxDurationMs: 8 * 3600_000,
    version: 1,
    ...extra,
  };
}

export function ledgerEventOf(s: EventSnapshot): LedgerEvent {
  return {
    eventId: s.id,
    terms: s.terms,
    liveCutoffMs: s.actualStartAt ? Date.parse(s.actualStartAt) + s.maxDurationMs : null,
  };
}

export function joinToken(
  eventId: string,
  registrantId: string = randomUUID(),
  endsAt = new Date(Date.now() + 3_600_000),
  secret = TEST_JOIN_SECRET,
): string {
  return signJoinToken({ registrantId, eventId }, endsAt, secret);
}

export type ConnectOutcome = Decision | { status: 'connect_error'; reason: string; message: string };

/** One attendee device: its socket and everything the server told it, in order. */
export class Attendee {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly received: { event: string; payload: unknown }[] = [];
  readonly decision: Promise<ConnectOutcome>;
  private readonly waiters: {
    event: string;
    test: (p: unknown) => boolean;
    done: (p: unknown) => void;
    timer: NodeJS.Timeout;
  }[] = [];

  constructor(url: string, auth: { token: string; eventId: string; deviceId: string }) {
    this.socket = io(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true, timeout: 20_000 });
    this.socket.onAny((event: string, payload: unknown) => this.record(event, payload));
    this.socket.on('connect_error', (e: Error & { data?: { reason: string; message: string } }) =>
      this.record('connect_error', e.data ?? { reason: e.message, message: e.message }),
    );
    this.decision = Promise.race([
      this.next<Decision>('decision'),
      this.next('connect_error').then((d) => ({
        status: 'connect_error' as const,
        ...(d as { reason: string; message: string }),
      })),
    ]);
  }

  private record(event: string, payload: unknown): void {
    this.received.push({ event, payload });
    for (const w of [...this.waiters]) {
      if (w.event === event && w.test(payload)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.done(payload);
      }
    }
  }

  /** The next (or an already received) message of this kind that passes the test. */
  next<T = unknown>(event: string, test: (p: T) => boolean = () => true, timeoutMs = 30_000): Promise<T> {
    const seen = this.received.find((r) => r.event === event && test(r.payload as T));
    if (seen) return Promise.resolve(seen.payload as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no ${event} within ${timeoutMs} ms; got ${this.received.map((r) => r.event).join(',')}`)),
        timeoutMs,
      );
      this.waiters.push({
        event,
        test: test as (p: unknown) => boolean,
        done: (p) => {
          clearTimeout(timer);
          resolve(p as T);
        },
        timer,
      });
    });
  }

  leave(): Promise<{ ok: boolean }> {
    return new Promise((r) => this.socket.emit('leave', r));
  }

  close(): void {
    for (const w of this.waiters.splice(0)) clearTimeout(w.timer);
    this.socket.close();
  }
}
