import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { HealthServer, Logger, logReady, redisCheck, startHealthServer } from '#process';

/** A transcoder's BullMQ worker with the Redis connection it takes jobs over. */
export interface TranscoderWorker {
  worker: Worker;
  redis: Redis;
  close(): Promise<void>;
}

export interface WorkerProcessOptions {
  logger: Logger;
  /** The line tests and scripts wait for once the worker is connected, e.g. `transcoder ready`. */
  ready: { msg: string; fields: Record<string, unknown> };
  /** /health (redis, worker) and /metrics on host:port; none when port is 0. */
  port: number;
  host: string;
  registry: Registry;
}

/** What both transcoder processes run around their worker; close() stops the listener, then the worker. */
export async function serveWorker(w: TranscoderWorker, o: WorkerProcessOptions): Promise<{ close(): Promise<void> }> {
  w.worker.on('ready', () => logReady(o.logger, o.ready.msg, o.ready.fields));
  let http: HealthServer | undefined;
  if (o.port) {
    const checks = { redis: redisCheck(w.redis), worker: () => w.worker.isRunning() };
    http = await startHealthServer({ host: o.host, port: o.port, checks, registry: o.registry }).catch((e: Error) => {
      throw new Error(`cannot listen on ${o.host}:${o.port} for /health and /metrics: ${e.message}`);
    });
    o.logger.info({ health: `${http.url}/health`, metrics: `${http.url}/metrics` }, 'health and metrics');
  }
  return {
    close: async () => {
      await http?.close();
      await w.close();
    },
  };
}
