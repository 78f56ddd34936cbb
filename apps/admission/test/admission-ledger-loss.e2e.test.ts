import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { attendanceStreamKey, eventLedgerBase } from '#seat-ledger';
import { eventually, freePort } from '#test-support';
import {
  Attendee,
  AdmissionCluster,
  joinToken,
  ledgerEventOf,
  liveEvent,
  startAdmissionCluster,
} from '#test-support/admission-cluster';

// What an operator fears: 22 attendees seated (limit 20, 10 % buffer, block) on 2 admission nodes, then the event's
// ledger is gone from Redis (keys deleted; or Redis restarted without persistence). Every seated attendee keeps
// watching, newcomers wait, and the seated count sampled throughout never passes 22.

// a healing window of 2 × 2 s + 250 ms: wide enough that a loaded machine heals inside it
const NODE_ENV = { RENEW_INTERVAL: '2s', SWEEP_INTERVAL: '250ms', LEASE_TTL: '10s', LEASE_TTL_MS: '10000' };

async function seat22(cluster: AdmissionCluster, attendees: Attendee[]) {
  const ev = liveEvent({ attendeeLimit: 20, bufferPercent: 10, overagePolicy: 'block' });
  await cluster.publishEvent(ev);
  const join = (i: number) => {
    const a = new Attendee(cluster.nodes[i % 2].url, { token: joinToken(ev.id), eventId: ev.id, deviceId: 'laptop' });
    attendees.push(a);
    return a;
  };
  const seated = Array.from({ length: 22 }, (_, i) => join(i));
  const decisions = await Promise.all(seated.map((a) => a.decision));
  assert.ok(
    decisions.every((d) => d.status === 'admitted'),
    JSON.stringify(decisions.map((d) => d.status)),
  );
  return { ev, seated, join };
}

function sampler(cluster: AdmissionCluster, ev: ReturnType<typeof liveEvent>) {
  const samples: number[] = [];
  let on = true;
  const done = (async () => {
    while (on) {
      const st = await cluster.ledger.status(ledgerEventOf(ev)).catch(() => null);
      if (st) samples.push(st.seats);
      await sleep(50);
    }
  })();
  return {
    samples,
    stop: async () => {
      on = false;
      await done;
    },
  };
}

describe('the seat ledger lost from Redis', { timeout: 120_000 }, () => {
  const attendees: Attendee[] = [];
  const clusters: AdmissionCluster[] = [];
  let redisServer: ChildProcess | undefined;
  let redisDir: string | undefined;
  after(async () => {
    for (const a of attendees) a.close();
    for (const c of clusters) await c.close().catch(() => undefined);
    redisServer?.kill('SIGKILL');
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
  });

  it('keeps all 22 watching when the event keys are deleted; 10 newcomers wait; one session each', async () => {
    const cluster = await startAdmissionCluster('ledger-loss', NODE_ENV);
    clusters.push(cluster);
    const { ev, seated, join } = await seat22(cluster, attendees);
    const stream = attendanceStreamKey(cluster.prefix, ev.id);
    const [[beforeLoss]] = (await cluster.redis.xrevrange(stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
    const sampling = sampler(cluster, ev);

    // the ledger's keys; its attendance stream (same tag) is kept to check what was logged since
    const keys = (await cluster.redis.keys(`${eventLedgerBase(cluster.prefix, ev.id)}*`)).filter((k) => k !== stream);
    await cluster.redis.del(...keys);
    const lostAt = Date.now();
    const newcomers = Array.from({ length: 10 }, (_, i) => join(i));
    const newDecisions = await Promise.all(newcomers.map((a) => a.decision));
    assert.deepEqual(
      newDecisions.map((d) => d.status),
      Array<string>(10).fill('waiting'),
    );

    await eventually(async () => assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).seats, 22), {
      timeout: 15_000,
      message: 'both nodes re-attached their 11',
    });
    // for the record (not a threshold): how long the 22 seats took to come back
    console.log(`ledger keys deleted: 22 seats back after ${Date.now() - lostAt} ms`);
    // a few renewals and sweeps later: still nobody lost, the newcomers still wait
    await sleep(2000);
    await sampling.stop();
    for (const a of seated) {
      assert.ok(a.socket.connected, 'still connected');
      assert.deepEqual(
        a.received
          .filter((r) => r.event === 'lost' || r.event === 'ended' || r.event === 'decision')
          .map((r) => r.event),
        ['decision'],
        'one decision (admitted) and nothing after',
      );
    }
    const st = await cluster.ledger.status(ledgerEventOf(ev));
    assert.deepEqual({ seats: st.seats, waiting: st.waiting }, { seats: 22, waiting: 10 });
    assert.ok(sampling.samples.length > 20, `${sampling.samples.length} samples`);
    assert.ok(Math.max(...sampling.samples) <= 22, `max sampled seats ${Math.max(...sampling.samples)}`);
    const since = await cluster.redis.xrange(stream, `(${beforeLoss}`, '+');
    assert.deepEqual(
      since.filter(([, f]) => f.includes(ev.id)),
      [],
      'no leave and no join in the attendance log: one continuous session per attendee',
    );
  });

  it('re-attaches the seats after Redis restarts without persistence, never above the cap', async () => {
    redisDir = mkdtempSync(join(tmpdir(), 'redis-nopersist-'));
    const port = await freePort();
    const startRedis = () => {
      redisServer = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir!],
        { stdio: 'ignore' },
      );
    };
    startRedis();
    const url = `redis://127.0.0.1:${port}`;
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    probe.on('error', () => undefined);
    await eventually(async () => assert.equal(await probe.ping(), 'PONG'), { timeout: 10_000 });
    const cluster = await startAdmissionCluster('ledger-restart', { ...NODE_ENV, REDIS_URL: url });
    clusters.push(cluster);
    const { ev, seated } = await seat22(cluster, attendees);

    const runId = async () => /run_id:(\w+)/.exec(await probe.info('server'))?.[1];
    const before = await runId();
    redisServer!.kill('SIGKILL');
    await new Promise((r) => redisServer!.once('exit', r));
    startRedis();
    await eventually(async () => assert.equal(await probe.ping(), 'PONG'), { timeout: 10_000 });
    assert.notEqual(await runId(), before, 'a new Redis process, which kept nothing');
    // the control plane writes event snapshots again on its own schedule; here the test does it
    await cluster.publishEvent(ev);
    const sampling = sampler(cluster, ev);
    const backAt = Date.now();

    await eventually(async () => assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).seats, 22), {
      timeout: 20_000,
      message: 'the 22 seats re-attached after the restart',
    });
    console.log(`Redis restarted empty: 22 seats back ${Date.now() - backAt} ms after it answered again`);
    await sleep(1500);
    await sampling.stop();
    probe.disconnect();
    assert.ok(Math.max(...sampling.samples) <= 22, `max sampled seats ${Math.max(...sampling.samples)}`);
    for (const a of seated) {
      assert.ok(a.socket.connected);
      assert.ok(!a.received.some((r) => r.event === 'lost'), 'nobody told lost');
    }
  });
});
