import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  DomainError,
  isPlayable,
  keyframeIntervalTooLong,
  liveCutoff,
  presenterMayPublish,
  streamStatus,
} from '#domain';
import {
  LIVE_STATE_TTL_S,
  LiveJobResult,
  LiveStart,
  RecordedSegment,
  liveEndedKey,
  liveLadderKey,
  recordedSegmentsKey,
} from '#contracts';
import { LiveLadder, PLAYLIST_TYPE, closeLiveRecording, newHlsKey, withoutServerPaths } from '#media';
import type { ObjectStorage } from '#storage';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { EventLifecycle } from '../events/event-lifecycle';
import { EventRecord } from '../events/event-record';
import { EventsRepository } from '../events/events.repository';
import { EventsService } from '../events/events.service';
import { publicBaseUrl } from '../http/public-base-url';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';
import { MediaAssetsRepository } from '../media/media-assets.repository';
import { MEDIA_STORAGE } from '../media/media-storage';
import { VodResultsService } from '../media/vod-results.service';
import { WebhookPublisher } from '../webhooks/webhook-publisher';
import { IngestHealth, LiveStreamsRepository } from './live-streams.repository';
import type { EventStateView, PresenterView } from './live-views';

/** The live part of the control plane: authorizes publishers for ingest, records go-live and end, serves presenters. */
@Injectable()
export class LiveService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('live');
  private unsubscribe?: () => void;
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly events: EventsService,
    private readonly lifecycle: EventLifecycle,
    private readonly streams: LiveStreamsRepository,
    private readonly assets: MediaAssetsRepository,
    private readonly vodResults: VodResultsService,
    private readonly webhooks: WebhookPublisher,
    private readonly eventRecords: EventsRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  onApplicationBootstrap(): void {
    // However an event ends (ingest, the organizer, the cap sweeper), its live worker learns it from Redis.
    this.unsubscribe = this.lifecycle.subscribe(async ({ event, from, to }) => {
      if (from === 'live' && to === 'ended') await this.signalEnded(event.id, event.endReason ?? 'ended');
    });
    this.sweeper = setInterval(
      () =>
        void this.sweepCap().catch((e) => this.logger.error({ msg: 'cap sweep failed', err: (e as Error).message })),
      this.config.LIVE_CAP_SWEEP_INTERVAL,
    );
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.sweeper) clearInterval(this.sweeper);
  }

  // ---- ingest (internal) ----

  publishableKeys() {
    return this.streams.publishableKeys(new Date());
  }

  /**
   * A presenter publishes with `streamKey`: accepted when the key names a live-mode event that is in its window, not
   * ended or cancelled, and whose organizer has no other live event (the database refuses that, 409). An event
   * already live is a presenter reconnecting: accepted again with the same recording.
   */
  async publish(streamKey: string): Promise<LiveStart> {
    const event = await this.events.findByStreamKey(streamKey);
    if (!event) throw new DomainError('not_found', 'no event has this stream key (rotated or mistyped?)', 'streamKey');
    const now = new Date();
    if (presenterMayPublish(event, now, this.config.LIVE_EARLY_START) === 'resume') return this.startOf(event, true);
    const live = await this.events.markLive(event.id, now);
    return this.startOf(live, false);
  }

  private async startOf(event: EventRecord, resumed: boolean): Promise<LiveStart> {
    let stream = await this.streams.find(event.id);
    if (!stream) {
      const assetId = randomUUID();
      const asset = await this.assets.create({
        id: assetId,
        accountId: event.accountId,
        ownerId: event.organizerId,
        title: `${event.title} (recording)`,
        eventId: event.id,
        key: newHlsKey(),
      });
      stream = await this.streams.insertOnce({
        eventId: event.id,
        assetId,
        outputPrefix: `${asset.outputPrefix}live/`,
        startedAt: event.actualStartAt ?? new Date(),
      });
      if (stream.assetId !== assetId) await this.assets.delete(assetId); // another call won the race
    }
    if (resumed && (await this.assets.reopenRecording(stream.assetId))) {
      // the presenter publishes again after the live job failed for good: ingest starts a new one on this recording
      await this.streams.clearReplayReady(event.id);
      this.logger.log({
        msg: 'live recording reopened after a failed job',
        eventId: event.id,
        assetId: stream.assetId,
      });
    }
    return {
      eventId: event.id,
      assetId: stream.assetId,
      outputPrefix: stream.outputPrefix,
      keyUri: `${publicBaseUrl(this.config)}/api/keys/${stream.assetId}`,
      segmentSeconds: this.config.LIVE_SEGMENT_SECONDS,
      actualStartAt: (event.actualStartAt ?? stream.startedAt).toISOString(),
      maxDurationMs: this.config.EVENT_MAX_DURATION,
      resumed,
    };
  }

  /** Ingest reports the stream ended for good (presenter gone past the grace, the cap, a revoked key). Idempotent. */
  async end(eventId: string, reason: string): Promise<EventStateView> {
    const event = await this.events.getById(eventId);
    if (event.state === 'live') {
      try {
        return { state: (await this.events.markEnded(eventId, reason)).state };
      } catch (e) {
        if (!(e instanceof DomainError && e.kind === 'conflict')) throw e;
      }
    }
    await this.signalEnded(eventId, reason);
    return { state: (await this.events.getById(eventId)).state };
  }

  async reportHealth(eventId: string, health: IngestHealth): Promise<void> {
    if (!(await this.streams.setHealth(eventId, health))) {
      throw new DomainError('not_found', `event ${eventId} has no live stream`, 'id');
    }
  }

  /** Ends live events past actual start + cap (ingest drops the publisher on its own too; this covers ingest restarts). */
  async sweepCap(): Promise<void> {
    for (const id of await this.streams.overCap(new Date(), this.config.EVENT_MAX_DURATION)) {
      await this.end(id, 'duration-cap').catch((e) =>
        this.logger.error({ msg: 'could not end a live event at its cap', eventId: id, err: (e as Error).message }),
      );
    }
  }

  /** A live worker finished: the recording becomes a ready asset, playable on demand with the event's playback tokens. */
  async recordingDone(result: LiveJobResult): Promise<void> {
    await this.assets.handOverRecording(result.assetId);
    await this.vodResults.completed(result.assetId, result);
    await this.streams.markReplayReady(result.eventId);
    const event = await this.eventRecords.findById(result.eventId);
    if (event) {
      await this.webhooks.publishQuietly(event.accountId, 'recording.ready', result.assetId, {
        eventId: event.id,
        assetId: result.assetId,
        durationS: result.durationS,
        endReason: result.endReason,
      });
    }
    this.logger.log({
      msg: 'live recording ready',
      eventId: result.eventId,
      assetId: result.assetId,
      durationS: result.durationS,
      endReason: result.endReason,
    });
  }

  /**
   * The live job failed for good (attempts exhausted, or unrecoverable): what was stored stays playable. The segments
   * recorded so far get their closing playlists (ENDLIST) and the recording becomes ready with their duration; with
   * none, the recording fails with a reason the organizer reads. Idempotent: a recording closed already is left alone.
   */
  async jobFailed(eventId: string, failure: { reason: string; attempts: number }): Promise<void> {
    const stream = await this.streams.find(eventId);
    if (!stream) return;
    const asset = await this.assets.findById(stream.assetId);
    if (!asset || asset.state !== 'uploading') return;
    const prefix = this.config.REDIS_PREFIX;
    const saved = await this.redis.get(liveLadderKey(prefix, eventId));
    const ladder = saved ? (JSON.parse(saved) as LiveLadder) : null;
    const recorded = ladder
      ? await Promise.all(
          ladder.renditions.map(async (r) =>
            (await this.redis.lrange(recordedSegmentsKey(prefix, eventId, r.name), 0, -1)).map(
              (x) => JSON.parse(x) as RecordedSegment,
            ),
          ),
        )
      : [];
    const closed = closeLiveRecording({
      eventId,
      assetId: stream.assetId,
      outputPrefix: stream.outputPrefix,
      keyUri: `${publicBaseUrl(this.config)}/api/keys/${stream.assetId}`,
      segmentSeconds: this.config.LIVE_SEGMENT_SECONDS,
      ladder,
      recorded,
      endReason: 'transcoding-failed',
    });
    const detail = `${withoutServerPaths(failure.reason)}; ${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}`;
    this.logger.warn({ msg: 'live job failed for good', eventId, reason: detail, recordedS: closed.result.durationS });
    if (!closed.objects.length) {
      await this.assets.handOverRecording(stream.assetId);
      await this.vodResults.failed(stream.assetId, liveNotRecordedReason(detail));
      return;
    }
    for (const o of closed.objects) await this.storage.put(o.key, o.body, PLAYLIST_TYPE);
    await this.recordingDone({ ...closed.result, ffmpegSeconds: 0, resumes: 0 });
  }

  private async signalEnded(eventId: string, reason: string): Promise<void> {
    await this.streams.markEnded(eventId, reason);
    await this.redis.set(liveEndedKey(this.config.REDIS_PREFIX, eventId), reason, 'EX', LIVE_STATE_TTL_S);
  }

  // ---- presenter ----

  /** What the presenter needs: OBS settings (only the owning organizer sees the key), status, ingest health, playback. */
  async presenterView(user: AuthUser, eventId: string): Promise<PresenterView> {
    const event = await this.events.getFor(user, eventId);
    const stream = await this.streams.find(event.id);
    const owner = user.id === event.organizerId;
    return {
      eventId: event.id,
      state: event.state,
      obs: { server: this.config.LIVE_RTMP_URL, streamKey: owner ? event.streamKey : null },
      rtmpUrl: owner ? `${this.config.LIVE_RTMP_URL.replace(/\/+$/, '')}/${event.streamKey}` : null,
      actualStartAt: event.actualStartAt?.toISOString() ?? null,
      endedAt: event.endedAt?.toISOString() ?? null,
      endReason: event.endReason,
      cutoffAt: event.actualStartAt
        ? liveCutoff(event.actualStartAt, this.config.EVENT_MAX_DURATION).toISOString()
        : null,
      streamStatus: streamStatus({ state: event.state, healthReportedAt: stream?.healthAt ?? null, now: new Date() }),
      segmentSeconds: this.config.LIVE_SEGMENT_SECONDS,
      keyframeWarning: keyframeIntervalTooLong(stream?.health?.keyframeIntervalS, this.config.LIVE_SEGMENT_SECONDS),
      health: stream?.health ? { ...stream.health, reportedAt: stream.healthAt?.toISOString() ?? null } : null,
      playback: await this.playbackOf(event.id),
    };
  }

  /** Where a live event plays: the live master playlist, the recording's once ready, the key URL (null before go-live). */
  async playbackOf(
    eventId: string,
  ): Promise<{ liveMasterUrl: string; replayMasterUrl: string | null; keyUrl: string; assetId: string } | null> {
    const stream = await this.streams.find(eventId);
    if (!stream) return null;
    const asset = await this.assets.findById(stream.assetId);
    return {
      liveMasterUrl: this.storage.publicUrl(`${stream.outputPrefix}master.m3u8`),
      replayMasterUrl:
        asset && isPlayable(asset.state) && asset.masterKey ? this.storage.publicUrl(asset.masterKey) : null,
      keyUrl: `${publicBaseUrl(this.config)}/api/keys/${stream.assetId}`,
      assetId: stream.assetId,
    };
  }
}

/** Why a live recording failed when its job failed for good before any segment was stored, with how to retry. */
export function liveNotRecordedReason(detail: string): string {
  return (
    `The live stream could not be transcoded and nothing of it was recorded (${detail}). ` +
    'Publish again from your encoder (stop and start streaming) to retry while the event is live.'
  );
}
