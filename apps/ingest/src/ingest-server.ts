import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { peerAddress } from '#domain';
import {
  LIVE_QUEUE,
  LIVE_STATE_TTL_S,
  LiveJobData,
  LiveStart,
  eventChangeChannel,
  liveEndedKey,
  liveJobId,
} from '#contracts';
import { HealthChecks, redisCheck } from '#process';
import { ControlPlaneClient, PublishRefused } from './control-plane-client';
import { IngestMetrics } from './ingest-metrics';
import { NmsBroadcast, NmsPacket, keepStreamStart } from './keep-stream-start';
import { guardRtmpParser } from './rtmp-parser-guard';
import { StreamHealth } from './stream-health';
import { StreamKeyCache } from './stream-key-cache';

// node-media-server 4 ships no types; the few fields used here are declared locally.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS package without types */
const NodeMediaServer = require('node-media-server') as new (options: Record<string, unknown>) => NmsServer;
const nmsLogger = require('node-media-server/src/core/logger.js') as { log: (message: string, level?: string) => void };
/* eslint-enable @typescript-eslint/no-require-imports */

interface NmsServer {
  run(): Promise<void>;
  stop(): Promise<void>;
  on(e: string, l: (s: NmsSession) => void): void;
}

interface NmsSession {
  id: string;
  ip: string;
  streamApp: string;
  streamName: string;
  streamPath: string;
  inBytes: number;
  videoFramerate: number;
  videoWidth: number;
  videoHeight: number;
  broadcast: NmsBroadcast;
  rtmp?: { onPacketCallback: (p: NmsPacket) => void };
  close(): void;
}

export interface IngestOptions {
  host: string;
  rtmpPort: number;
  /** rtmp://…/live: where workers pull streams from. */
  pullBaseUrl: string;
  controlPlane: ControlPlaneClient;
  redisUrl: string;
  redisPrefix: string;
  reconnectGraceMs: number;
  keyCacheRefreshMs: number;
  healthReportMs: number;
  liveJobAttempts: number;
  dataDir: string;
  /** Signs the URLs live workers pull streams with (node-media-server's play authentication); the same on every ingest. */
  playSecret: string;
  log: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
  /** Publishes refused for an unknown key one address may make within the window before it is refused outright. */
  publishFailureLimit?: number;
  publishFailureWindowMs?: number;
  /** How often the live jobs of streams being published are checked against the queue (default 5 s). */
  liveJobCheckMs?: number;
}

interface ActiveStream {
  eventId: string;
  streamKey: string;
  publisher: NmsSession;
  broadcast: NmsBroadcast;
  start?: LiveStart;
  health: StreamHealth;
  capTimer?: NodeJS.Timeout;
  ended: boolean;
}

const UNKNOWN_KEY = 'unknown stream key, or its event is cancelled, ended or past its window';
export const DEFAULT_PUBLISH_FAILURE_LIMIT = 10;
export const DEFAULT_PUBLISH_FAILURE_WINDOW_MS = 10 * 60_000;

/** Never log a whole stream key: it alone authorizes a publisher. */
const masked = (key: string) => `${key.slice(0, 4)}…`;

/**
 * The RTMP ingest: accepts a publisher only for an event that may go live now, takes the event live, hands the
 * stream to the transcoder fleet, keeps the same event across a reconnect within the grace, and ends it when the
 * presenter is gone, the cap passes, or the event was ended or its key revoked.
 */
export class IngestServer {
  private readonly nms: NmsServer;
  private readonly cache: StreamKeyCache;
  private readonly streams = new Map<string, ActiveStream>();
  private readonly refused = new WeakSet<NmsSession>();
  /** Publishers that left before their key was decided. */
  private readonly gone = new WeakSet<NmsSession>();
  /** Event changes (new, rotated, ended keys) announced by the control plane: the cache reloads on each. */
  private readonly changes: Redis;
  private readonly redis: Redis;
  private readonly queue: Queue<LiveJobData>;
  readonly metrics = new IngestMetrics();
  private healthTimer?: NodeJS.Timeout;
  private revokeTimer?: NodeJS.Timeout;
  private jobTimer?: NodeJS.Timeout;

  constructor(private readonly o: IngestOptions) {
    // node-media-server prints plain lines through one logger object: its warnings and errors join our JSON log
    nmsLogger.log = (message: string, level = 'info') => {
      if (level === 'warn' || level === 'error') o.log(level, 'node-media-server', { detail: message });
    };
    guardRtmpParser();
    // Playing a stream back needs a URL ingest signed (the live workers'); publishing is checked by the hooks below.
    this.nms = new NodeMediaServer({
      bind: o.host,
      rtmp: { port: o.rtmpPort },
      store: { path: o.dataDir },
      auth: { play: true, publish: false, secret: o.playSecret },
    });
    this.cache = new StreamKeyCache(
      () => o.controlPlane.streamKeys(),
      (e) => o.log('warn', 'stream key cache refresh failed', { error: e.message }),
    );
    this.redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
    this.changes = this.redis.duplicate();
    this.changes.on('message', () => {
      void this.cache.reloadNow().then(
        () => this.dropRevoked(),
        (e: Error) => o.log('warn', 'stream key cache refresh failed', { error: e.message }),
      );
    });
    this.queue = new Queue<LiveJobData>(LIVE_QUEUE, { connection: this.redis, prefix: o.redisPrefix });
    this.nms.on('prePublish', (s) => this.prePublish(s));
    this.nms.on('donePublish', (s) => this.donePublish(s));
  }

  async start(): Promise<void> {
    await this.cache
      .refresh()
      .catch((e: Error) => this.o.log('warn', 'stream key cache not loaded yet', { error: e.message }));
    this.cache.start(this.o.keyCacheRefreshMs);
    // The periodic reload stays as the fallback for a missed announcement (Redis reconnecting).
    await this.changes.subscribe(eventChangeChannel(this.o.redisPrefix));
    await this.nms.run();
    this.healthTimer = setInterval(() => void this.reportHealth(), this.o.healthReportMs);
    this.revokeTimer = setInterval(() => this.dropRevoked(), this.o.keyCacheRefreshMs);
    this.jobTimer = setInterval(() => void this.checkLiveJobs(), this.o.liveJobCheckMs ?? 5000);
    this.o.log('info', 'ingest listening', { rtmp: `rtmp://${this.o.host}:${this.o.rtmpPort}/live` });
  }

  async stop(): Promise<void> {
    this.cache.stop();
    clearInterval(this.healthTimer);
    clearInterval(this.revokeTimer);
    clearInterval(this.jobTimer);
    for (const s of this.streams.values()) clearTimeout(s.capTimer);
    await this.nms.stop();
    await this.queue.close();
    this.changes.disconnect();
    this.redis.disconnect();
  }

  // node-media-server calls this synchronously inside its publish handling: decide from the cache, confirm later.
  private prePublish(session: NmsSession): void {
    if (session.streamApp !== 'live') {
      return this.refuse(session, `unknown application "${session.streamApp}" (publish to /live/STREAM_KEY)`, 'cache');
    }
    // A stream-key guesser is stopped by its address's count of unknown keys, held in Redis so every ingest sees it;
    // past the limit even a right key is refused (a guess that hits must not be let in). Without Redis, no limit.
    void this.publishWait(session.ip).then(
      (waitS) => {
        if (this.gone.delete(session)) return;
        if (waitS > 0) {
          return this.refuse(
            session,
            `too many publishes with unknown stream keys from this address; try again in ${waitS} s`,
            'rate-limit',
          );
        }
        this.checkKey(session);
      },
      () => this.checkKey(session),
    );
  }

  private failureKey(ip: string): string {
    return `${this.o.redisPrefix}:ingest:unknown-key:${peerAddress(ip)}`;
  }

  /** Seconds until the address may publish again; 0 when it may now. */
  private async publishWait(ip: string): Promise<number> {
    const limit = this.o.publishFailureLimit ?? DEFAULT_PUBLISH_FAILURE_LIMIT;
    const [[, count], [, ttl]] = (await this.redis
      .multi()
      .get(this.failureKey(ip))
      .pttl(this.failureKey(ip))
      .exec()) as [[null, string | null], [null, number]];
    return Number(count ?? 0) >= limit && ttl > 0 ? Math.ceil(ttl / 1000) : 0;
  }

  private countUnknownKey(ip: string): void {
    const key = this.failureKey(ip);
    const windowMs = this.o.publishFailureWindowMs ?? DEFAULT_PUBLISH_FAILURE_WINDOW_MS;
    void this.redis
      .multi()
      .incr(key)
      .pttl(key)
      .exec()
      .then(async (r) => {
        if ((r?.[1]?.[1] as number) < 0) await this.redis.pexpire(key, windowMs);
      })
      .catch(() => undefined);
  }

  private checkKey(session: NmsSession): void {
    const key = session.streamName;
    const eventId = this.cache.eventOf(key);
    if (eventId) return this.admit(session, key, eventId);
    // Not in the cache: the key may be seconds old (created or rotated after the last load). One shared reload
    // decides, so a new key publishes at once and a key guesser costs one list query per reload, not one per try.
    void this.cache.reloadForMiss().then(
      () => {
        if (this.gone.delete(session)) return; // the publisher left while we asked
        const known = this.cache.eventOf(key);
        if (known) return this.admit(session, key, known);
        this.countUnknownKey(session.ip);
        this.refuse(session, UNKNOWN_KEY, 'cache');
      },
      (e: Error) => this.refuse(session, `control plane unavailable (${e.message})`, 'cache'),
    );
  }

  private admit(session: NmsSession, key: string, eventId: string): void {
    const broadcast = session.broadcast;
    broadcast.publishGraceMs = this.o.reconnectGraceMs;
    keepStreamStart(broadcast);
    let stream = this.streams.get(session.streamPath);
    if (stream && !stream.ended) {
      stream.publisher = session; // the presenter reconnected within the grace: same event, same recording
    } else {
      stream = {
        eventId,
        streamKey: key,
        publisher: session,
        broadcast,
        health: new StreamHealth(Date.now(), () => session.videoFramerate),
        ended: false,
      };
      this.streams.set(session.streamPath, stream);
    }
    this.countFrames(session, stream);
    void this.confirm(session, stream);
  }

  private async confirm(session: NmsSession, stream: ActiveStream): Promise<void> {
    let start: LiveStart;
    try {
      start = await this.o.controlPlane.publish(stream.streamKey);
    } catch (e) {
      const reason =
        e instanceof PublishRefused
          ? `${e.status}: ${e.message}`
          : `control plane unavailable (${(e as Error).message})`;
      if (this.streams.get(session.streamPath) === stream && !stream.start) this.streams.delete(session.streamPath);
      return this.refuse(session, reason, 'control-plane');
    }
    if (!stream.start) this.metrics.activeStreams.inc();
    stream.start = start;
    this.o.log('info', start.resumed ? 'publisher resumed' : 'event live', {
      eventId: start.eventId,
      key: masked(stream.streamKey),
      session: session.id,
    });
    // a job that failed for good would keep the job id: publishing again retries the stream (the control plane
    // reopened its recording), which resumes after what was recorded
    const previous = await this.queue.getJob(liveJobId(start.eventId));
    if (previous && (await previous.isFailed())) await previous.remove();
    await this.queueLiveJob(stream, start);
    if (!stream.capTimer) {
      const cutoff = new Date(start.actualStartAt).getTime() + start.maxDurationMs;
      stream.capTimer = setTimeout(
        () => void this.endStream(stream, 'duration-cap', true),
        Math.max(0, cutoff - Date.now()),
      );
    }
  }

  private async queueLiveJob(stream: ActiveStream, start: LiveStart): Promise<void> {
    await this.queue.add(
      'live',
      { ...start, sourceUrl: this.signedPullUrl(stream.streamKey, start) },
      {
        jobId: liveJobId(start.eventId),
        attempts: this.o.liveJobAttempts,
        backoff: { type: 'fixed', delay: 500 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  /**
   * A stream still being published whose live job Redis no longer has (a restart without persistence, an eviction)
   * gets its job again: a worker takes it and resumes after what was recorded. The worker of the vanished job stops
   * by itself when it cannot renew its lock.
   */
  private async checkLiveJobs(): Promise<void> {
    for (const stream of this.streams.values()) {
      if (!stream.start || stream.ended) continue;
      const state = await this.queue.getJobState(liveJobId(stream.start.eventId)).catch(() => 'error');
      if (state !== 'unknown') continue;
      await this.queueLiveJob(stream, stream.start).then(
        () => {
          this.metrics.liveJobsRequeued.inc();
          this.o.log('warn', 'queued a live job Redis had lost', { eventId: stream.start?.eventId });
        },
        (e: Error) => this.o.log('warn', 'could not queue a lost live job again', { error: e.message }),
      );
    }
  }

  /** node-media-server's signed play URL: `?sign=<expiry>-<md5(path-expiry-secret)>`, valid past the event's cap. */
  private signedPullUrl(streamKey: string, start: LiveStart): string {
    const exp = Math.floor((new Date(start.actualStartAt).getTime() + start.maxDurationMs) / 1000) + 24 * 3600;
    const hash = createHash('md5').update(`/live/${streamKey}-${exp}-${this.o.playSecret}`).digest('hex');
    return `${this.o.pullBaseUrl.replace(/\/+$/, '')}/${streamKey}?sign=${exp}-${hash}`;
  }

  private refuse(session: NmsSession, reason: string, stage: 'cache' | 'control-plane' | 'rate-limit'): void {
    this.refused.add(session);
    this.metrics.refused.inc({ stage });
    this.o.log('warn', 'publisher refused', {
      path: `/${session.streamApp}/${masked(session.streamName ?? '')}`,
      ip: session.ip,
      reason,
    });
    // a refused publisher leaves no grace behind: its path is free again at once
    session.broadcast.publishGraceMs = 0;
    session.close();
  }

  // After the reconnect grace (node-media-server's publish grace, set to ours): the presenter is gone for good.
  private donePublish(session: NmsSession): void {
    if (this.refused.has(session)) return;
    const stream = this.streams.get(session.streamPath);
    if (!stream) this.gone.add(session);
    if (!stream || stream.ended) return;
    void this.endStream(stream, 'presenter-stopped', false);
  }

  /** Ends the event's stream: tell the worker (Redis) and the control plane, drop the publisher, let the worker drain. */
  private async endStream(stream: ActiveStream, reason: string, dropPublisher: boolean): Promise<void> {
    if (stream.ended) return;
    stream.ended = true;
    clearTimeout(stream.capTimer);
    if (stream.start) this.metrics.activeStreams.dec();
    this.metrics.ended.inc({ reason });
    this.o.log('info', 'live stream ended', { eventId: stream.eventId, reason });
    if (dropPublisher) {
      stream.broadcast.publishGraceMs = 0;
      stream.publisher.close();
    }
    // the worker must know it is the end before its input closes, or it would wait for the stream to come back
    await this.redis
      .set(liveEndedKey(this.o.redisPrefix, stream.eventId), reason, 'EX', LIVE_STATE_TTL_S)
      .catch(() => undefined);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.o.controlPlane.end(stream.eventId, reason);
        break;
      } catch (e) {
        this.o.log('warn', 'could not report the end to the control plane', {
          eventId: stream.eventId,
          error: (e as Error).message,
        });
        await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
      }
    }
    for (const sub of stream.broadcast.subscribers.values()) sub.close();
    if (this.streams.get(stream.publisher.streamPath) === stream) this.streams.delete(stream.publisher.streamPath);
  }

  /** GET /health: Redis takes live jobs to the workers; without a loaded key cache no publisher can be checked. */
  healthChecks(): HealthChecks {
    return { redis: redisCheck(this.redis), keyCache: () => this.cache.ready };
  }

  /** The organizer ended the event, it was cancelled, or its key rotated: its key left the cache, so its stream stops. */
  private dropRevoked(): void {
    if (!this.cache.ready) return;
    for (const stream of this.streams.values()) {
      if (!stream.ended && stream.start && !this.cache.has(stream.streamKey)) {
        void this.endStream(stream, 'key-revoked', true);
      }
    }
  }

  private countFrames(session: NmsSession, stream: ActiveStream): void {
    const rtmp = session.rtmp;
    if (!rtmp) return;
    const forward = rtmp.onPacketCallback;
    rtmp.onPacketCallback = (p: NmsPacket) => {
      if (p.codec_type === 9 && (p.flags === 3 || p.flags === 4)) stream.health.frame(p.dts, p.flags === 3);
      forward(p);
    };
  }

  private async reportHealth(): Promise<void> {
    const now = Date.now();
    for (const stream of this.streams.values()) {
      if (stream.ended || !stream.start) continue;
      const s = stream.publisher;
      const h = {
        ...stream.health.report(now, s.inBytes),
        width: s.videoWidth || undefined,
        height: s.videoHeight || undefined,
      };
      this.metrics.bytesIn.inc((h.bitrateKbps * 1000 * this.o.healthReportMs) / 8000);
      await this.o.controlPlane
        .health(stream.eventId, h)
        .catch((e: Error) => this.o.log('warn', 'health report failed', { eventId: stream.eventId, error: e.message }));
    }
  }
}
