import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EventChange, EventSnapshot, eventChangeChannel, eventSnapshotKey } from '#contracts';
import type { ControlPlaneConfig } from '../config';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';
import { ControlPlaneMetrics } from '../observability/metrics';
import { OrdersRepository } from '../orders/orders.repository';
import type { OrderRecord } from '../orders/order-record';
import { EventLifecycle } from './event-lifecycle';
import type { EventRecord } from './event-record';
import { EventsRepository } from './events.repository';

// Admission and ingest never read the database: they read this snapshot. It is written (and announced) on every
// change, and rewritten for every open event at start in case Redis lost it.
const FINAL_SNAPSHOT_TTL_S = 7 * 24 * 3600;

// Two writes of one event may reach Redis out of order; an older version never overwrites a newer one.
const WRITE_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, decoded = pcall(cjson.decode, current)
  if ok and tonumber(decoded.version) and tonumber(decoded.version) > tonumber(ARGV[2]) then return 0 end
end
if ARGV[3] == '0' then redis.call('SET', KEYS[1], ARGV[1]) else redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3]) end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1`;

export function toEventSnapshot(e: EventRecord, order: OrderRecord, maxDurationMs: number): EventSnapshot {
  return {
    id: e.id,
    accountId: e.accountId,
    organizerId: e.organizerId,
    state: e.state,
    mode: e.mode,
    playAsLive: e.playAsLive,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    actualStartAt: e.actualStartAt?.toISOString() ?? null,
    endedAt: e.endedAt?.toISOString() ?? null,
    terms: {
      attendeeLimit: e.attendeeLimit,
      bufferPercent: order.bufferPercent,
      overagePolicy: order.overagePolicy,
      overageCap: order.overageCap,
    },
    overageRateCents: order.overageRateCents,
    maxDurationMs,
    version: e.version,
  };
}

@Injectable()
export class EventSnapshotWriter implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('event-snapshot');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly lifecycle: EventLifecycle,
    private readonly events: EventsRepository,
    private readonly orders: OrdersRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
    private readonly metrics: ControlPlaneMetrics,
  ) {}

  onModuleInit(): void {
    this.lifecycle.subscribe(async ({ event }) => {
      await this.write(event);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const open = await this.events.listOpen();
    for (const e of open) await this.write(e);
    if (open.length > 0) this.logger.log({ msg: 'event snapshots republished', count: open.length });
    // and the ones Redis loses later (a restart without persistence): admission could not admit anyone to them
    this.timer = setInterval(() => void this.rewriteMissing().catch(() => undefined), this.config.RECONCILE_INTERVAL);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Writes the snapshot of every open event whose key is gone; answers how many. */
  async rewriteMissing(): Promise<number> {
    const open = await this.events.listOpen();
    let written = 0;
    for (const e of open) {
      if ((await this.redis.exists(eventSnapshotKey(this.config.REDIS_PREFIX, e.id))) === 1) continue;
      await this.write(e);
      written++;
    }
    if (written > 0) {
      this.metrics.reconciled.inc({ kind: 'snapshot' }, written);
      this.logger.warn({ msg: 'event snapshots Redis had lost written again', count: written });
    }
    return written;
  }

  async write(event: EventRecord): Promise<EventSnapshot> {
    const order = await this.orders.findById(event.orderId);
    if (!order) throw new Error(`event ${event.id} points at a missing order ${event.orderId}`);
    const snapshot = toEventSnapshot(event, order, this.config.EVENT_MAX_DURATION);
    const key = eventSnapshotKey(this.config.REDIS_PREFIX, event.id);
    const change: EventChange = { eventId: event.id, state: event.state, version: event.version };
    const ttl = event.state === 'ended' || event.state === 'cancelled' ? FINAL_SNAPSHOT_TTL_S : 0;
    await this.redis.eval(
      WRITE_IF_NEWER,
      1,
      key,
      JSON.stringify(snapshot),
      String(event.version),
      String(ttl),
      eventChangeChannel(this.config.REDIS_PREFIX),
      JSON.stringify(change),
    );
    return snapshot;
  }
}
