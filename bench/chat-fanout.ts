import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { arch, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { ChatSendAnswer } from '#contracts';
import { joinToken, liveEvent, startAdmissionCluster } from '#test-support/admission-cluster';
import { joinStorm } from '#test-support/admission-load-scenarios';
import { FramedSocket } from '#test-support/admission-framed-socket';
import { uniqueRedisPrefix } from '#test-support/unique-prefix';
import { processCpuSeconds } from './child-cpu';

// `npm run bench:chat` (issue 11): seated sockets over 2 admission nodes hear a room posting 10 messages/s; each
// message carries its send time, so every receiver measures send-to-receipt latency on the same clock. Baseline in the
// same run: the same fan-out through 2 bare Socket.io servers with the same Redis adapter and no engagement logic.
const { values: opts } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, sockets: { type: 'string', default: '2000' } },
});
const SECONDS = Number(opts.seconds);
const SOCKETS = Number(opts.sockets);
const RATE = 10;
// the chat script allows a registrant 3 messages per 5 s: 30 senders in turn post once every 3 s each
const SENDERS = Math.min(30, SOCKETS);
const IN_FLIGHT = 100;
const DRAIN_MS = 15_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface FanoutResult {
  sent: number;
  accepted: number;
  refused: Record<string, number>;
  expected: number;
  received: number;
  p50: number;
  p95: number;
  p99: number;
  deliveriesPerS: number;
  cpuS: number;
  redisCpuS: number;
  generatorCpuS: number;
}

/** Latencies in whole milliseconds, counted per millisecond: 1.2 million receipts cost no more than 60,001 counters. */
class LatencyHistogram {
  private readonly counts = new Uint32Array(60_001);
  total = 0;
  add(ms: number): void {
    this.counts[Math.min(this.counts.length - 1, Math.max(0, Math.round(ms)))]++;
    this.total++;
  }
  quantile(q: number): number {
    const rank = Math.floor(q * this.total);
    let seen = 0;
    for (let ms = 0; ms < this.counts.length; ms++) {
      seen += this.counts[ms];
      if (seen > rank) return ms;
    }
    return this.counts.length - 1;
  }
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? arch()}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; ` +
      `load average ${loadAverage()}`,
  );
  console.log(
    `chat fan-out: ${SOCKETS} sockets over 2 nodes, ${RATE} messages/s from ${SENDERS} senders for ${SECONDS} s`,
  );
  const project = await projectRun();
  report('project', project);
  const baseline = await baselineRun();
  report('baseline', baseline);
  const cpuPer = (r: FanoutResult) => (r.cpuS * 1e6) / Math.max(1, r.received);
  console.log(`load average ${loadAverage()}`);
  console.log(
    `chat sockets=${SOCKETS} rate=${RATE}/s seconds=${SECONDS} p50=${project.p50}ms p95=${project.p95}ms p99=${project.p99}ms ` +
      `deliveries_per_s=${Math.round(project.deliveriesPerS)} lost=${project.expected - project.received} ` +
      `cpu_us_per_delivery=${cpuPer(project).toFixed(1)} baseline_p95=${baseline.p95}ms ` +
      `baseline_cpu_us_per_delivery=${cpuPer(baseline).toFixed(1)} p95_ratio=${(project.p95 / Math.max(1, baseline.p95)).toFixed(2)} ` +
      `cpu_ratio=${(cpuPer(project) / cpuPer(baseline)).toFixed(2)}`,
  );
}

/** The platform: seated attendees of a live event, posting with `chat:send` through the chat script. */
async function projectRun(): Promise<FanoutResult> {
  const cluster = await startAdmissionCluster('benchchat', { LOG_LEVEL: 'error' });
  try {
    const ev = liveEvent({ attendeeLimit: SOCKETS, bufferPercent: 10, overagePolicy: 'bill' });
    await cluster.publishEvent(ev);
    const storm = await joinStorm(
      Array.from({ length: SOCKETS }, (_, i) => ({
        url: cluster.nodes[i % 2].url,
        token: joinToken(ev.id),
        eventId: ev.id,
        deviceId: 'laptop',
      })),
      IN_FLIGHT,
    );
    const sockets = storm.outcomes.map((o) => o.socket as FramedSocket);
    const notSeated = storm.outcomes.filter((o) => o.decision !== 'admitted').length;
    console.log(`project: ${SOCKETS - notSeated} of ${SOCKETS} seated in ${(storm.elapsedMs / 1000).toFixed(1)} s`);
    if (notSeated > 0) throw new Error(`${notSeated} sockets were not seated`);
    try {
      return await fanout(
        'project',
        sockets,
        (sender, text) => new Promise((r) => sender.emit('chat:send', { text }, (a) => r(a as ChatSendAnswer))),
        cluster.nodes.map((n) => n.child),
        cluster.redis,
      );
    } finally {
      for (const s of sockets) s.close();
    }
  } finally {
    await cluster.close();
  }
}

/** The baseline: bare Socket.io servers (same adapter), a test-only 'say' re-broadcast with `io.to(room).emit`. */
async function baselineRun(): Promise<FanoutResult> {
  const prefix = uniqueRedisPrefix('benchchat-bare');
  const servers = await Promise.all([0, 1].map(() => startBareServer(prefix)));
  const redis = new Redis(REDIS_URL);
  const sockets: FramedSocket[] = [];
  try {
    const started = Date.now();
    let next = 0;
    const lane = async () => {
      while (next < SOCKETS) {
        const i = next++;
        sockets[i] = await connectBare(servers[i % 2].url);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, SOCKETS) }, lane));
    console.log(`baseline: ${SOCKETS} sockets in the room in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return await fanout(
      'baseline',
      sockets,
      (sender, text) => new Promise((r) => sender.emit('say', { text }, () => r({ ok: true, id: '' }))),
      servers.map((s) => s.child),
      redis,
    );
  } finally {
    for (const s of sockets) s?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await redis.quit();
  }
}

/**
 * Every RATE-th of a second the next sender posts `b:<seq>:<send time>`; every socket's receipt of it is one
 * delivery. Expected deliveries: accepted messages x sockets (the sender hears its own message too).
 */
async function fanout(
  label: string,
  sockets: FramedSocket[],
  send: (sender: FramedSocket, text: string) => Promise<ChatSendAnswer>,
  nodes: ChildProcess[],
  redis: Redis,
): Promise<FanoutResult> {
  const latency = new LatencyHistogram();
  let received = 0;
  for (const s of sockets) {
    s.on<{ text: string }>('chat:message', (m) => {
      if (!m.text.startsWith('b:')) return;
      latency.add(Date.now() - Number(m.text.slice(m.text.lastIndexOf(':') + 1)));
      received++;
    });
  }
  const nodesCpu = () => nodes.reduce((sum, c) => sum + processCpuSeconds(c.pid!), 0);
  const cpu0 = { nodes: nodesCpu(), redis: await redisCpu(redis), generator: process.cpuUsage() };
  let sent = 0;
  let accepted = 0;
  const refused: Record<string, number> = {};
  const answers: Promise<void>[] = [];
  const total = SECONDS * RATE;
  const started = Date.now();
  const progress = setInterval(() => {
    console.log(
      `${label}: t=${Math.round((Date.now() - started) / 1000)} s sent=${sent} accepted=${accepted} ` +
        `received=${received}/${accepted * sockets.length} p95 so far ${latency.quantile(0.95)} ms, load ${loadAverage()}`,
    );
  }, 5_000);
  try {
    // on an absolute schedule, so a late tick does not push every later message back
    while (sent < total) {
      const wait = started + (sent * 1000) / RATE - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const seq = sent++;
      answers.push(
        send(sockets[seq % SENDERS], `b:${seq}:${Date.now()}`).then((a) => {
          if (a.ok) accepted++;
          else refused[a.reason] = (refused[a.reason] ?? 0) + 1;
        }),
      );
    }
    const sendingMs = Date.now() - started;
    await Promise.all(answers);
    const drainUntil = Date.now() + DRAIN_MS;
    while (received < accepted * sockets.length && Date.now() < drainUntil) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const generator = process.cpuUsage(cpu0.generator);
    return {
      sent,
      accepted,
      refused,
      expected: accepted * sockets.length,
      received,
      p50: latency.quantile(0.5),
      p95: latency.quantile(0.95),
      p99: latency.quantile(0.99),
      deliveriesPerS: (received / sendingMs) * 1000,
      cpuS: nodesCpu() - cpu0.nodes,
      redisCpuS: (await redisCpu(redis)) - cpu0.redis,
      generatorCpuS: (generator.user + generator.system) / 1e6,
    };
  } finally {
    clearInterval(progress);
  }
}

function report(label: string, r: FanoutResult): void {
  console.log(
    `${label}: sent ${r.sent}, accepted ${r.accepted}, refused ${JSON.stringify(r.refused)}; deliveries ${r.received} of ` +
      `${r.expected} (lost ${r.expected - r.received}); latency p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms; ` +
      `cpu: nodes ${r.cpuS.toFixed(1)} s (${((r.cpuS * 1e6) / Math.max(1, r.received)).toFixed(1)} us/delivery), ` +
      `Redis ${r.redisCpuS.toFixed(1)} s (whole server), generator ${r.generatorCpuS.toFixed(1)} s`,
  );
}

interface BareServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function startBareServer(prefix: string): Promise<BareServer> {
  const child = spawn(process.execPath, [resolve(__dirname, 'bare-chat-server.js')], {
    env: { ...process.env, REDIS_URL, REDIS_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ready, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      const port = /ready (\d+)/.exec(String(d))?.[1];
      if (port) {
        ready({
          url: `http://127.0.0.1:${port}`,
          child,
          stop: () =>
            new Promise((r) => {
              if (child.exitCode !== null || child.signalCode !== null) return r();
              const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
              child.once('exit', () => {
                clearTimeout(force);
                r();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => fail(new Error(`bare chat server exited (${code}) before it was ready`)));
  });
}

/** A socket of the bare server, once it is in the room (the server says `joined`). */
function connectBare(url: string): Promise<FramedSocket> {
  return new Promise((resolve, reject) => {
    const s = new FramedSocket(url, {});
    const timer = setTimeout(() => reject(new Error(`no joined from ${url} within 30 s`)), 30_000);
    s.on('joined', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.on('connect_error', (e: { message: string }) => {
      clearTimeout(timer);
      reject(new Error(e.message));
    });
  });
}

/** CPU seconds the Redis server has used so far (INFO cpu). */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return ['used_cpu_user', 'used_cpu_sys'].reduce(
    (sum, f) => sum + Number(new RegExp(`^${f}:(\\S+)`, 'm').exec(info)?.[1] ?? 0),
    0,
  );
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
