import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, ClusterOptions, Redis } from 'ioredis';
import { eventually } from './eventually';
import { freePort } from './free-port';

// A Redis Cluster of this test run's own: redis-server processes on loopback ports, joined by `redis-cli --cluster
// create`, their state in one temporary folder. Nothing is persisted, so stop() leaves nothing behind.

export interface RedisClusterOptions {
  masters?: number;
  replicasPerMaster?: number;
  /** How long startup may take (processes, slot assignment, replicas in sync), in ms (default 30000). */
  timeoutMs?: number;
}

export interface RedisClusterNode {
  port: number;
  /** `127.0.0.1:<port>` */
  address: string;
  pid: number;
  /** The last lines the process printed, for a failure's message. */
  output: string[];
  /** Whether the process still runs (false once killed). */
  alive(): boolean;
}

export interface RedisCluster {
  /** Every node's address, comma-separated: what a client is given to find the cluster. */
  seeds: string;
  nodes: RedisClusterNode[];
  /** The folder of the nodes' cluster configuration files; stop() removes it. */
  dir: string;
  /** The nodes that are masters now, as a live node sees the cluster (after a failover, the promoted replicas). */
  masters(): Promise<RedisClusterNode[]>;
  /** Kills the i-th current master (by port order) with SIGKILL and answers it once the process is gone. */
  killMaster(i: number): Promise<RedisClusterNode>;
  /** Waits until every live master's replicas have acknowledged every write it took (before killing one, say). */
  replicated(timeoutMs?: number): Promise<void>;
  /**
   * An ioredis Cluster client on the seeds, once it is ready (ioredis 6 may fail a keyless command sent while it
   * still finds the slots with "Connection is closed"). stop() disconnects it if the caller has not.
   */
  connect(options?: ClusterOptions): Promise<Cluster>;
  /** Kills every process and removes the folder. */
  stop(): Promise<void>;
}

const SLOTS = 16384;

interface Started extends RedisClusterNode {
  child: ChildProcess;
}

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicasPerMaster ?? 1;
  const timeout = options.timeoutMs ?? 30_000;
  if (masters < 3) throw new Error(`redis-cli --cluster create needs at least 3 masters (asked for ${masters})`);
  const dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
  const nodes: Started[] = [];
  const admin = new Map<number, Redis>();
  const clients: Cluster[] = [];
  // a test run that ends without stop() (an uncaught error) takes its servers with it
  const killAll = (): void => {
    for (const n of nodes) if (n.alive()) n.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killAll);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killAll);
    for (const client of clients.splice(0)) client.disconnect();
    for (const client of admin.values()) client.disconnect();
    admin.clear();
    await Promise.all(nodes.map((n) => killed(n)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // each node needs a client port and a cluster bus port; choosing the bus port too keeps it off port + 10000
    const ports = await distinctFreePorts(2 * masters * (1 + replicas));
    for (let i = 0; i < ports.length; i += 2) nodes.push(startNode(dir, ports[i], ports[i + 1]));
    const clientOf = (n: RedisClusterNode): Redis => {
      let client = admin.get(n.port);
      if (!client) {
        client = new Redis({ host: '127.0.0.1', port: n.port, lazyConnect: true, maxRetriesPerRequest: 1 });
        client.on('error', () => undefined);
        admin.set(n.port, client);
      }
      return client;
    };
    for (const n of nodes) {
      await eventually(async () => (await clientOf(n).ping()) === 'PONG', {
        timeout,
        message: () => `redis-server on ${n.address} answers\n${n.output.join('\n')}`,
      });
    }
    await createCluster(
      nodes.map((n) => n.address),
      replicas,
      timeout,
    );
    await eventually(
      async () => {
        for (const n of nodes) {
          const info = parseInfo(await clientOf(n).call('CLUSTER', 'INFO'));
          if (info.cluster_state !== 'ok') throw new Error(`${n.address}: cluster_state ${info.cluster_state}`);
          if (Number(info.cluster_slots_assigned) !== SLOTS) {
            throw new Error(`${n.address}: ${info.cluster_slots_assigned} of ${SLOTS} slots assigned`);
          }
          if (Number(info.cluster_known_nodes) !== nodes.length) {
            throw new Error(`${n.address}: knows ${info.cluster_known_nodes} of ${nodes.length} nodes`);
          }
          const replication = parseInfo(await clientOf(n).info('replication'));
          // a replica that never synced would refuse to take over from a killed master
          if (replication.role === 'slave' && replication.master_link_status !== 'up') {
            throw new Error(`${n.address}: replica link ${replication.master_link_status}`);
          }
          if (replication.role === 'master' && Number(replication.connected_slaves) !== replicas) {
            throw new Error(`${n.address}: ${replication.connected_slaves} of ${replicas} replicas connected`);
          }
        }
      },
      { timeout, interval: 100, message: 'the Redis Cluster is ok on every node' },
    );

    const masterNodes = async (): Promise<RedisClusterNode[]> => {
      const live = nodes.filter((n) => n.alive());
      if (live.length === 0) throw new Error('no node of the Redis Cluster is running');
      const text = String(await clientOf(live[0]).call('CLUSTER', 'NODES'));
      const ports = new Set(
        text
          .split('\n')
          .map((line) => line.split(' '))
          .filter((f) => f.length > 2 && f[2].split(',').includes('master') && !f[2].includes('fail'))
          .map((f) => Number(f[1].split('@')[0].split(':').pop())),
      );
      return nodes.filter((n) => ports.has(n.port) && n.alive()).sort((a, b) => a.port - b.port);
    };
    const seeds = nodes.map((n) => n.address).join(',');
    return {
      seeds,
      nodes,
      masters: masterNodes,
      async killMaster(i) {
        const current = await masterNodes();
        const victim = current[i];
        if (!victim) throw new Error(`there is no master ${i} (the cluster has ${current.length})`);
        admin.get(victim.port)?.disconnect();
        admin.delete(victim.port);
        await killed(nodes.find((n) => n.port === victim.port)!);
        return victim;
      },
      async replicated(timeoutMs = timeout) {
        await eventually(
          async () => {
            for (const m of await masterNodes()) {
              const info = parseInfo(await clientOf(m).info('replication'));
              const offset = Number(info.master_repl_offset);
              const behind = Object.entries(info)
                .filter(([k]) => /^slave\d+$/.test(k))
                .map(([, v]) => Number(/offset=(\d+)/.exec(v)?.[1] ?? -1))
                .filter((o) => o < offset);
              if (behind.length > 0) throw new Error(`${m.address}: a replica is at ${behind[0]} of ${offset}`);
            }
          },
          { timeout: timeoutMs, interval: 50, message: "every replica has its master's writes" },
        );
      },
      async connect(clusterOptions) {
        const client = new Cluster(
          nodes.map((n) => ({ host: '127.0.0.1', port: n.port })),
          clusterOptions,
        );
        clients.push(client);
        client.on('error', () => undefined);
        await new Promise<void>((resolve, reject) => {
          const guard = setTimeout(
            () => reject(new Error(`no cluster client ready on ${seeds} in ${timeout} ms`)),
            timeout,
          );
          client.once('ready', () => {
            clearTimeout(guard);
            resolve();
          });
        });
        return client;
      },
      dir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function startNode(dir: string, port: number, busPort: number): Started {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-port',
      String(busPort),
      '--cluster-config-file',
      join(dir, `nodes-${port}.conf`),
      '--cluster-node-timeout',
      '2000',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      // a replica stores what its master sends: one file per node, as the nodes share the folder
      '--dbfilename',
      `dump-${port}.rdb`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(...chunk.toString().trimEnd().split('\n'));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const node: Started = {
    port,
    address: `127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    output,
    child,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
  child.on('error', (error) => output.push(`could not start redis-server: ${error.message}`));
  return node;
}

/** SIGKILL, then waits for the exit (at once if the process is already gone). */
function killed(n: Started): Promise<void> {
  if (!n.alive() || n.child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    n.child.once('exit', () => resolve());
    n.child.kill('SIGKILL');
  });
}

function createCluster(addresses: string[], replicas: number, timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicas), '--cluster-yes'];
    const cli = spawn('redis-cli', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout.on('data', (c: Buffer) => (output += c.toString()));
    cli.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const guard = setTimeout(() => cli.kill('SIGKILL'), timeout);
    cli.on('error', (error) => {
      clearTimeout(guard);
      reject(new Error(`could not run redis-cli: ${error.message}`));
    });
    cli.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (code === 0) resolve();
      else reject(new Error(`redis-cli --cluster create ended with ${signal ?? code}:\n${output}`));
    });
  });
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function parseInfo(text: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of String(text).split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
