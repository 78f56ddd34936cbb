import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { attendanceStreamKey, parseAttendanceFields } from '#seat-ledger';
import { settleWithin } from '#process';
import type { ControlPlaneConfig } from '../config';
import { isUuid } from '../http/id-param.pipe';
import { CONFIG } from '../infrastructure/di-tokens';
import { AttendanceRepository, StoredAttendance } from './attendance.repository';

const GROUP = 'control-plane';
type StreamBatch = [string, [string, string[]][]][] | null;

/**
 * Moves the attendance stream admission writes into the database. An entry is acknowledged (and deleted from the
 * stream) only after its transaction committed, so a control plane that is down, or dies mid-batch, loses nothing:
 * its own pending entries are read again at start, and entries another instance left pending too long are claimed.
 */
@Injectable()
export class AttendanceConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('attendance');
  private readonly stream: string;
  private readonly consumer: string;
  private redis?: Redis;
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly repository: AttendanceRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {
    this.stream = attendanceStreamKey(config.REDIS_PREFIX);
    this.consumer = config.ATTENDANCE_CONSUMER;
  }

  onApplicationBootstrap(): void {
    // XREADGROUP BLOCK holds its connection, so the consumer has one of its own. Commands fail (and are retried by
    // the loop) while Redis is away, so neither start nor shutdown ever waits on it.
    this.redis = new Redis(this.config.REDIS_URL, {
      maxRetriesPerRequest: 2,
      connectionName: `attendance:${this.consumer}`,
    });
    this.redis.on('error', () => undefined);
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    // let a batch being written finish; whatever is not acknowledged by then is read again at the next start
    await settleWithin(this.loop, undefined, 3000);
    this.redis?.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    const redis = this.redis!;
    let lastClaim = 0;
    let caughtUp = false;
    while (this.running) {
      try {
        await redis.xgroup('CREATE', this.stream, GROUP, '0', 'MKSTREAM').catch((e: Error) => {
          if (!/BUSYGROUP/.test(e.message)) throw e;
        });
        // entries this consumer read before it stopped, not yet acknowledged
        while (
          this.running &&
          (await this.process(
            (await redis.xreadgroup(
              'GROUP',
              GROUP,
              this.consumer,
              'COUNT',
              500,
              'STREAMS',
              this.stream,
              '0',
            )) as StreamBatch,
          )) > 0
        );
        caughtUp = true;
        break;
      } catch (e) {
        if (!this.running) return;
        this.logger.warn({
          msg: 'attendance stream not reachable yet; retrying',
          err: e instanceof Error ? e.message : String(e),
        });
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    while (this.running && caughtUp) {
      try {
        if (Date.now() - lastClaim > this.config.ATTENDANCE_CLAIM_IDLE) {
          lastClaim = Date.now();
          await this.claimAbandoned();
        }
        const batch = (await redis.xreadgroup(
          'GROUP',
          GROUP,
          this.consumer,
          'COUNT',
          500,
          'BLOCK',
          500,
          'STREAMS',
          this.stream,
          '>',
        )) as StreamBatch;
        await this.process(batch);
      } catch (e) {
        if (!this.running) break;
        this.logger.error({
          msg: 'attendance batch failed; will retry',
          err: e instanceof Error ? e.message : String(e),
        });
        await new Promise((r) => setTimeout(r, 1000));
        // what was read but not written stays pending: read it again
        await this.process(
          (await redis
            .xreadgroup('GROUP', GROUP, this.consumer, 'COUNT', 500, 'STREAMS', this.stream, '0')
            .catch(() => null)) as StreamBatch,
        ).catch(() => 0);
      }
    }
  }

  /** Entries another control plane read and never acknowledged (it died) move to this one. */
  private async claimAbandoned(): Promise<void> {
    let cursor = '0-0';
    do {
      const [next, entries] = (await this.redis!.xautoclaim(
        this.stream,
        GROUP,
        this.consumer,
        this.config.ATTENDANCE_CLAIM_IDLE,
        cursor,
        'COUNT',
        500,
      )) as [string, [string, string[]][]];
      await this.process([[this.stream, entries]]);
      cursor = next;
    } while (cursor !== '0-0' && this.running);
  }

  private async process(batch: StreamBatch): Promise<number> {
    const entries = batch?.[0]?.[1] ?? [];
    if (entries.length === 0) return 0;
    const stored: StoredAttendance[] = [];
    for (const [id, fields] of entries) {
      if (!fields) continue; // deleted meanwhile
      const e = parseAttendanceFields(fields);
      if (!isUuid(e.eventId) || !isUuid(e.registrantId) || !Number.isFinite(e.at)) {
        this.logger.warn({ msg: 'attendance entry skipped: not an event/registrant of this platform', id });
        continue;
      }
      stored.push({ ...e, streamId: id });
    }
    await this.repository.append(stored);
    const ids = entries.map(([id]) => id);
    await this.redis!.multi()
      .xack(this.stream, GROUP, ...ids)
      .xdel(this.stream, ...ids)
      .exec();
    return entries.length;
  }
}
