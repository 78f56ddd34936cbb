import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  attendanceEventsKey,
  attendanceStreamKey,
  parseAttendanceFields,
  sharedAttendanceStreamKey,
} from '#seat-ledger';
import { settleWithin } from '#process';
import type { ControlPlaneConfig } from '../config';
import { isUuid } from '../http/id-param.pipe';
import { CONFIG } from '../infrastructure/di-tokens';
import { AttendanceRepository, StoredAttendance } from './attendance.repository';

const GROUP = 'control-plane';
/** How often the streams to read are looked up again: a new event's first entries wait at most this long. */
const FOLLOW_REFRESH_MS = 1000;
type StreamBatch = [string, [string, string[] | null][]][] | null;

/**
 * Moves the attendance streams admission writes into the database. An entry is acknowledged (and deleted from the
 * stream) only after its transaction committed, so a control plane that is down, or dies mid-batch, loses nothing:
 * its own pending entries of a stream are read again before its new ones, and entries another instance left pending
 * too long are claimed.
 *
 * Every event has a stream of its own (in its ledger's Redis Cluster slot, see attendanceStreamKey), like the chat.
 * Which ones to read comes from Redis, not from the events' states as the chat consumer does: recordings are watched
 * on demand long after an event ended, and the ledger names an event in attendanceEventsKey before it can log, so
 * a stream that holds entries is always found. Streams are read while they hold entries (acknowledged ones are
 * deleted, so a non-empty stream has entries to store or pending ones). The deployment's shared stream of before is
 * read the same way, so an upgrade with entries still in it, or old admission nodes still writing it, loses nothing.
 * The set is never pruned: taking an event off could race a script logging right after its SADD (so one id and one
 * empty stream per attended event stay in Redis). Discovery differs from the chat's, hence no shared follower class.
 */
@Injectable()
export class AttendanceConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('attendance');
  private readonly shared: string;
  private readonly consumer: string;
  private redis?: Redis;
  private running = false;
  private loop?: Promise<void>;
  /** Streams whose group exists and whose pending entries of this consumer were read again. */
  private readonly following = new Set<string>();
  /** The streams that held entries at the last look. */
  private reading: string[] = [];
  private refreshedAt = 0;
  private claimedAt = 0;

  constructor(
    private readonly repository: AttendanceRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {
    this.shared = sharedAttendanceStreamKey(config.REDIS_PREFIX);
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
    while (this.running) {
      try {
        if (Date.now() - this.refreshedAt > FOLLOW_REFRESH_MS) await this.refresh();
        if (Date.now() - this.claimedAt > this.config.ATTENDANCE_CLAIM_IDLE) {
          this.claimedAt = Date.now();
          await this.claimAbandoned();
        }
        const keys = this.reading.filter((k) => this.following.has(k));
        if (keys.length === 0) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        // one read over many streams: the control plane's own connection is to one Redis (REDIS_URL)
        const batch = await redis.xreadgroup(
          'GROUP',
          GROUP,
          this.consumer,
          'COUNT',
          500,
          'BLOCK',
          500,
          'STREAMS',
          ...keys,
          ...keys.map(() => '>'),
        );
        await this.process(batch);
      } catch (e) {
        if (!this.running) break;
        this.logger.warn({
          msg: 'attendance batch failed; will retry',
          err: e instanceof Error ? e.message : String(e),
        });
        // what was read but not stored stays pending: it is read again once each stream is followed anew
        this.following.clear();
        this.refreshedAt = 0;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Finds the streams that hold entries; one not followed yet gets its group and its own pending entries read. */
  private async refresh(): Promise<void> {
    const redis = this.redis!;
    this.refreshedAt = Date.now();
    const prefix = this.config.REDIS_PREFIX;
    const candidates = [
      this.shared,
      ...(await redis.smembers(attendanceEventsKey(prefix))).map((id) => attendanceStreamKey(prefix, id)),
    ];
    const lengths = (await candidates.reduce((p, k) => p.xlen(k), redis.pipeline()).exec()) ?? [];
    this.reading = candidates.filter((_, i) => Number(lengths[i]?.[1] ?? 0) > 0);
    for (const key of this.reading) {
      if (this.following.has(key) || !this.running) continue;
      await redis.xgroup('CREATE', key, GROUP, '0', 'MKSTREAM').catch((e: Error) => {
        if (!/BUSYGROUP/.test(e.message)) throw e;
      });
      while (
        this.running &&
        (await this.process(await redis.xreadgroup('GROUP', GROUP, this.consumer, 'COUNT', 500, 'STREAMS', key, '0'))) >
          0
      );
      this.following.add(key);
    }
  }

  /** Entries another control plane read and never acknowledged (it died) move to this one. */
  private async claimAbandoned(): Promise<void> {
    for (const key of this.reading.filter((k) => this.following.has(k))) {
      let cursor = '0-0';
      do {
        const [next, entries] = (await this.redis!.xautoclaim(
          key,
          GROUP,
          this.consumer,
          this.config.ATTENDANCE_CLAIM_IDLE,
          cursor,
          'COUNT',
          500,
        )) as [string, [string, string[]][]];
        await this.process([[key, entries]]);
        cursor = next;
      } while (cursor !== '0-0' && this.running);
    }
  }

  /** Stores a batch of one or more streams in one transaction, then acknowledges and deletes it stream by stream. */
  private async process(batch: StreamBatch): Promise<number> {
    const stored: StoredAttendance[] = [];
    let read = 0;
    for (const [key, entries] of batch ?? []) {
      for (const [id, fields] of entries) {
        read++;
        if (!fields) continue; // deleted meanwhile
        const e = parseAttendanceFields(fields);
        if (!isUuid(e.eventId) || !isUuid(e.registrantId) || !Number.isFinite(e.at)) {
          this.logger.warn({ msg: 'attendance entry skipped: not an event/registrant of this platform', id });
          continue;
        }
        stored.push({ ...e, streamId: id, stream: key === this.shared ? 'shared' : 'event' });
      }
    }
    if (read === 0) return 0;
    await this.repository.append(stored);
    for (const [key, entries] of batch ?? []) {
      if (entries.length === 0) continue;
      const ids = entries.map(([id]) => id);
      await this.redis!.multi()
        .xack(key, GROUP, ...ids)
        .xdel(key, ...ids)
        .exec();
    }
    return read;
  }
}
