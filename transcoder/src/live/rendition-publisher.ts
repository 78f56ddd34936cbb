import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { LIVE_STATE_TTL_S, RecordedSegment, recordedSegmentsKey } from '#contracts';
import { FFMPEG_PLAYLIST, LIVE_PLAYLIST, PLAYLIST_TYPE, renderMediaPlaylist } from '#media';
import type { ObjectStorage } from '#storage';
import { parseFfmpegPlaylist } from './live-playlists';

export const SEGMENT_TYPE = 'video/mp2t';

export interface RenditionPublisherOptions {
  eventId: string;
  name: string;
  /** Local folder ffmpeg writes this rendition to. */
  localDir: string;
  /** Object key prefix of the event (ends in '/'). */
  outputPrefix: string;
  keyUri: string;
  windowSize: number;
  segmentSeconds: number;
  storage: ObjectStorage;
  redis: Redis;
  redisPrefix: string;
}

/**
 * Moves one rendition from ffmpeg's local folder to storage: each new segment is uploaded, recorded (Redis), and
 * only then named by the live playlist uploaded after it, so a player never asks for a segment that is not there.
 */
export class RenditionPublisher {
  private readonly done = new Set<string>();
  private discontinuityPending = false;
  /** Wall clock (ms) of media time 0 of this run, when known; the run's media time so far. */
  private runClock: number | undefined;
  private runMedia = 0;

  constructor(
    private readonly o: RenditionPublisherOptions,
    readonly recorded: RecordedSegment[],
  ) {
    for (const s of recorded) this.done.add(s.uri);
  }

  get playlistKey(): string {
    return `${this.o.outputPrefix}${this.o.name}/${LIVE_PLAYLIST}`;
  }

  /**
   * A new ffmpeg run starts: its first segment follows a discontinuity when segments were published before.
   * `clockBase`: the wall clock (ms) of the run's media time 0 when the worker knows it (the first run of a stream:
   * ingest keeps the stream from its first frame, which entered ingest when the event went live). Without it, the
   * segments keep ffmpeg's own wall clock, which is late by however long ffmpeg took to start.
   */
  newRun(clockBase?: number): void {
    this.discontinuityPending = this.recorded.length > 0;
    this.runClock = clockBase;
    this.runMedia = 0;
  }

  /** Uploads the segments ffmpeg finished since the last call, then the live playlist naming them. Returns how many. */
  async sync(): Promise<number> {
    let text: string;
    try {
      text = await readFile(join(this.o.localDir, FFMPEG_PLAYLIST), 'utf8');
    } catch {
      return 0; // ffmpeg has not finished a first segment yet
    }
    const fresh = parseFfmpegPlaylist(text).filter((s) => !this.done.has(s.uri));
    let published = 0;
    for (const s of fresh) {
      const path = join(this.o.localDir, s.uri);
      // with temp_file, ffmpeg may list a segment a moment before it renames it into place: take it next time
      const size = await stat(path).then(
        (x) => x.size,
        () => -1,
      );
      if (size < 0) break;
      await this.o.storage.putFile(`${this.o.outputPrefix}${this.o.name}/${s.uri}`, path, SEGMENT_TYPE);
      const seg: RecordedSegment = {
        uri: s.uri,
        duration: s.duration,
        bytes: size,
        discontinuity: this.discontinuityPending,
        iv: s.iv,
      };
      const pdt =
        this.runClock !== undefined ? new Date(this.runClock + this.runMedia * 1000).toISOString() : s.programDateTime;
      if (pdt) seg.programDateTime = pdt;
      this.runMedia += s.duration;
      this.discontinuityPending = false;
      const key = recordedSegmentsKey(this.o.redisPrefix, this.o.eventId, this.o.name);
      await this.o.redis.multi().rpush(key, JSON.stringify(seg)).expire(key, LIVE_STATE_TTL_S).exec();
      this.recorded.push(seg);
      this.done.add(s.uri);
      await rm(path, { force: true });
      published++;
    }
    if (published) await this.putLivePlaylist(false);
    return published;
  }

  async putLivePlaylist(ended: boolean): Promise<void> {
    const body = renderMediaPlaylist(this.recorded, {
      keyUri: this.o.keyUri,
      windowSize: this.o.windowSize,
      ended,
      minTargetDuration: this.o.segmentSeconds,
    });
    await this.o.storage.put(this.playlistKey, body, PLAYLIST_TYPE);
  }
}

export async function loadRecorded(
  redis: Redis,
  prefix: string,
  eventId: string,
  name: string,
): Promise<RecordedSegment[]> {
  const raw = await redis.lrange(recordedSegmentsKey(prefix, eventId, name), 0, -1);
  return raw.map((r) => JSON.parse(r) as RecordedSegment);
}
