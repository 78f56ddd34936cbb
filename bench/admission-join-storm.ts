import { performance } from 'node:perf_hooks';
import { arch, cpus, loadavg, totalmem } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AdmissionTerms, bufferSeats, maxConcurrentSeats } from '#domain';
import { SeatLedger, eventLedgerBase } from '#seat-ledger';
import {
  AdmissionCluster,
  joinToken,
  ledgerEventOf,
  liveEvent,
  startAdmissionCluster,
} from '#test-support/admission-cluster';
import { Joiner, LoadClient, joinStorm, quantile } from '#test-support/admission-load-scenarios';

// `npm run bench:admission`: 6,000 attendees join one event (limit 5000, policy bill) through 2 admission nodes.
// Baseline in the same run: the same number of decisions straight against the Lua ledger, no sockets.
const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 6000);
// Closed loop: this many handshakes in flight at any moment (k6 would call them virtual users).
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 100);
// 'framed' (default): Socket.IO framed by hand over ws, as the k6 scripts do; 'socket.io-client': the official client.
const CLIENT: LoadClient = process.env.BENCH_CLIENT === 'socket.io-client' ? 'socket.io-client' : 'framed';
const TERMS: AdmissionTerms = { attendeeLimit: 5000, bufferPercent: 10, overagePolicy: 'bill', overageCap: null };

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? arch()}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  const baseline = await ledgerOnlyBaseline();
  console.log(
    `baseline (Lua ledger only, ${ATTENDEES} acquires, ${IN_FLIGHT} in flight): ${baseline.perS.toFixed(0)} decisions/s, p95 ${baseline.p95.toFixed(1)} ms`,
  );

  const cluster = await startAdmissionCluster('bench', { LOG_LEVEL: 'error' });
  try {
    const ev = liveEvent(TERMS);
    await cluster.publishEvent(ev);
    const rssBefore = await nodesRss(cluster);
    // join links are signed before the storm, as registration would have
    const joiners: Joiner[] = Array.from({ length: ATTENDEES }, (_, i) => ({
      url: cluster.nodes[i % 2].url,
      token: joinToken(ev.id),
      eventId: ev.id,
      deviceId: 'laptop',
    }));
    const cpuBefore = {
      nodes: await nodesCpu(cluster),
      client: process.cpuUsage(),
      redis: await redisCpu(cluster.redis),
    };
    const storm = await joinStorm(joiners, IN_FLIGHT, CLIENT);
    const client = process.cpuUsage(cpuBefore.client);
    const nodesCpuS = (await nodesCpu(cluster)) - cpuBefore.nodes;
    const clientCpuS = (client.user + client.system) / 1e6;
    // the whole Redis server's: other suites using the same server add to it
    const redisCpuS = (await redisCpu(cluster.redis)) - cpuBefore.redis;
    console.log(`storm: ${ATTENDEES} joiners over 2 nodes, ${IN_FLIGHT} handshakes in flight, client ${CLIENT}`);
    console.log(
      `cpu during the storm: admission nodes ${nodesCpuS.toFixed(1)} s (${((nodesCpuS / ATTENDEES) * 1000).toFixed(2)} ms/join), ` +
        `load client ${clientCpuS.toFixed(1)} s (${((clientCpuS / ATTENDEES) * 1000).toFixed(2)} ms/join, ${Math.round((100 * clientCpuS) / (nodesCpuS + clientCpuS))} % of client + nodes), ` +
        `Redis ${redisCpuS.toFixed(1)} s, wall ${(storm.elapsedMs / 1000).toFixed(1)} s, load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    const tiers = count(storm.outcomes.map((o) => (o.decision === 'admitted' ? o.tier! : o.decision)));
    const status = await cluster.ledger.status(ledgerEventOf(ev));
    const admitted = (tiers.included ?? 0) + (tiers.buffer ?? 0) + (tiers.overage ?? 0);
    // seats granted beyond the policy: tiers over their bounds, more than the terms allow, or the ledger disagreeing
    const overAdmitted =
      Math.max(0, (tiers.included ?? 0) - TERMS.attendeeLimit) +
      Math.max(0, (tiers.buffer ?? 0) - bufferSeats(TERMS.attendeeLimit)) +
      Math.max(0, admitted - maxConcurrentSeats(TERMS)) +
      Math.max(0, status.seats - admitted);
    const redisBytes = await ledgerBytes(cluster.redis, eventLedgerBase(cluster.prefix, ev.id));
    const rssGrowth = Math.max(0, (await nodesRss(cluster)) - rssBefore);
    console.log(
      `decisions: ${JSON.stringify(tiers)}; ledger seats ${status.seats}, peak ${status.peakConcurrent}, peak overage ${status.peakOverage}`,
    );
    console.log(
      `memory: Redis ledger ${(redisBytes / 1024 / ATTENDEES).toFixed(2)} KiB/attendee, node RSS growth ${(rssGrowth / 1024 / ATTENDEES).toFixed(2)} KiB/attendee (both nodes)`,
    );
    console.log(
      `vs baseline: ${(storm.joinsPerS / baseline.perS).toFixed(3)} x the ledger-only rate; p95 ${(storm.p95 / baseline.p95).toFixed(1)} x`,
    );
    for (const o of storm.outcomes) o.socket.close();
    const kib = (redisBytes + rssGrowth) / 1024 / ATTENDEES;
    console.log(
      `admission joins_per_s=${Math.round(storm.joinsPerS)} p50_ms=${Math.round(storm.p50)} p95_ms=${Math.round(storm.p95)} p99_ms=${Math.round(storm.p99)} over_admitted=${overAdmitted} kib_per_attendee=${kib.toFixed(1)}`,
    );
  } finally {
    await cluster.close();
  }
}

async function ledgerOnlyBaseline(): Promise<{ perS: number; p95: number }> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `bench:baseline:${randomUUID().slice(0, 8)}`;
  const ledger = new SeatLedger(redis, prefix, { leaseMs: 30_000 });
  const ev = { eventId: randomUUID(), terms: TERMS, liveCutoffMs: null };
  const lat: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < ATTENDEES) {
        next++;
        const t = performance.now();
        await ledger.acquire(ev, randomUUID(), 'laptop', 'bench');
        lat.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const keys = await redis.keys(`${prefix}*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  await redis.quit();
  return {
    perS: (ATTENDEES / elapsed) * 1000,
    p95: quantile(
      lat.sort((a, b) => a - b),
      0.95,
    ),
  };
}

/** CPU seconds the Redis server has used so far (INFO cpu). */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return ['used_cpu_user', 'used_cpu_sys'].reduce(
    (sum, f) => sum + Number(new RegExp(`^${f}:(\\S+)`, 'm').exec(info)?.[1] ?? 0),
    0,
  );
}

async function ledgerBytes(redis: Redis, base: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${base}*`, 'COUNT', 1000);
    cursor = next;
    const p = redis.pipeline();
    for (const k of keys) p.memory('USAGE', k);
    for (const [, v] of (await p.exec()) ?? []) total += Number(v ?? 0);
  } while (cursor !== '0');
  return total;
}

/** The sum of one Prometheus gauge over both nodes. */
async function nodesMetric(cluster: AdmissionCluster, name: string): Promise<number> {
  let total = 0;
  for (const n of cluster.nodes) {
    const text = await (await fetch(`${n.url}/metrics`)).text();
    total += Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? 0);
  }
  return total;
}
const nodesRss = (c: AdmissionCluster) => nodesMetric(c, 'process_resident_memory_bytes');
const nodesCpu = (c: AdmissionCluster) => nodesMetric(c, 'process_cpu_seconds_total');

function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
