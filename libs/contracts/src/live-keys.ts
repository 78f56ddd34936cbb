// Redis keys shared by ingest, the live workers and the control plane's live module. All start with the
// deployment's REDIS_PREFIX so tests and deployments sharing a Redis never collide.

/**
 * Set (value: the reason) once an event's stream ended for good, by ingest or the control plane. The worker of the
 * event polls it: it then lets ffmpeg drain, writes the recording and finishes its job.
 */
export function liveEndedKey(prefix: string, eventId: string): string {
  return `${prefix}:live:${eventId}:ended`;
}

/** A list per rendition of the segments uploaded so far (JSON `RecordedSegment`): the recording, and what a resuming worker continues. */
export function recordedSegmentsKey(prefix: string, eventId: string, rendition: string): string {
  return `${prefix}:live:${eventId}:segments:${rendition}`;
}

/** The ladder (JSON) the first worker chose, so a resuming worker writes the same renditions. */
export function liveLadderKey(prefix: string, eventId: string): string {
  return `${prefix}:live:${eventId}:ladder`;
}

/** Which worker holds the event's stream now (hostname:pid), refreshed while it runs; for operators and tests. */
export function liveWorkerKey(prefix: string, eventId: string): string {
  return `${prefix}:live:${eventId}:worker`;
}

/** How long the per-event live keys outlive the stream (the recording is in object storage by then). */
export const LIVE_STATE_TTL_S = 2 * 24 * 3600;

export interface RecordedSegment {
  /** File name relative to the rendition's folder. */
  uri: string;
  duration: number;
  bytes: number;
  /** The first segment after a worker resumed: players must reset their decoder. */
  discontinuity: boolean;
  /** IV ffmpeg encrypted this segment with (0x…, 32 hex digits). */
  iv: string;
  /** ISO 8601 wall clock of the segment's first frame (EXT-X-PROGRAM-DATE-TIME); absent in older recordings. */
  programDateTime?: string;
}
