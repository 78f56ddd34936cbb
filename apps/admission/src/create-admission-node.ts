import type { Server as HttpServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { Redis, RedisOptions } from 'ioredis';
import { Logger, NestLogger, createLogger } from '#process';
import { SeatLedger } from '#seat-ledger';
import { AdmissionGateway } from './admission-gateway';
import { AdmissionMetrics } from './admission-metrics';
import { AdmissionModule } from './admission.module';
import { AdmissionConfig, assertConsistentIntervals } from './config';
import { EventSnapshots } from './event-snapshots';

export interface AdmissionNode {
  app: INestApplication;
  gateway: AdmissionGateway;
  port: number;
  close(): Promise<void>;
}

/** One admission node: Nest for /health and /metrics, Socket.io on the same HTTP server, Redis for everything shared. */
export async function createAdmissionNode(
  cfg: AdmissionConfig,
  log: Logger = createLogger({ service: 'admission', level: cfg.LOG_LEVEL, base: { node: cfg.NODE_ID } }),
): Promise<AdmissionNode> {
  assertConsistentIntervals(cfg);
  const connect = (name: string, options: RedisOptions = {}) => {
    const r = new Redis(cfg.REDIS_URL, { connectionName: `admission:${cfg.NODE_ID}:${name}`, ...options });
    // ioredis reconnects on its own; decisions made meanwhile fail and the attendee is told to retry
    r.on('error', (e: Error) => log.warn({ err: e.message, connection: name }, 'redis connection error'));
    return r;
  };
  // A join storm issues many ledger scripts at once: auto-pipelining sends those queued while a batch is in flight
  // together (one write, one read each side); every script still runs on its own, atomically and in order.
  const redis = connect('ledger', { enableAutoPipelining: true });
  const subscriber = connect('events');
  const adapterPub = connect('adapter-pub');
  const adapterSub = connect('adapter-sub');
  const metrics = new AdmissionMetrics();
  // after a loss, nobody new is seated until every node's renewal has had its turn to re-attach
  const ledger = new SeatLedger(redis, cfg.REDIS_PREFIX, {
    leaseMs: cfg.LEASE_TTL,
    healWindowMs: 2 * cfg.RENEW_INTERVAL + cfg.SWEEP_INTERVAL,
  });
  const snapshots = new EventSnapshots(redis, subscriber, cfg.REDIS_PREFIX);
  await snapshots.start();

  const app = await NestFactory.create(AdmissionModule.forNode(cfg, redis, metrics), { logger: new NestLogger(log) });
  const gateway = new AdmissionGateway(cfg, redis, ledger, snapshots, metrics, log);
  await app.init();
  gateway.attach(app.getHttpServer() as HttpServer, adapterPub, adapterSub);
  await gateway.listenChatModeration(subscriber);
  await app.listen(cfg.PORT, cfg.HOST);
  const address = (app.getHttpServer() as HttpServer).address();
  const port = typeof address === 'object' && address ? address.port : cfg.PORT;

  return {
    app,
    gateway,
    port,
    async close() {
      await gateway.close();
      await app.close();
      await Promise.allSettled([redis, subscriber, adapterPub, adapterSub].map((r) => r.quit()));
    },
  };
}
