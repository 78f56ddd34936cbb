// What ingest hands to the transcoder fleet when an event goes live. Ingest enqueues it on the `live` queue;
// any live worker takes it, pulls the stream back from ingest over RTMP and writes the ladder to object storage.
export const LIVE_QUEUE = 'live';

export interface LiveJobData {
  eventId: string;
  /** Where the worker pulls the published stream from, e.g. rtmp://ingest:1935/live/<stream key>. */
  sourceUrl: string;
  /**
   * The media asset that holds the event's recording: its AES-128 key lives in the control plane's database (the
   * worker asks the internal key endpoint for it; it is never in job data) and the key server serves it to viewers
   * holding a playback token for the event.
   */
  assetId: string;
  /** Object-storage key prefix every playlist and segment of this event goes under, ending in '/'. */
  outputPrefix: string;
  /** What players fetch the key from; written into every EXT-X-KEY line. */
  keyUri: string;
  /** Target segment length in seconds (1 by default: lower latency; longer when the source keyframes are). */
  segmentSeconds: number;
  /** When the event actually went live (ISO 8601): the worker stops at actualStartAt + maxDurationMs even if ingest does not. */
  actualStartAt: string;
  maxDurationMs: number;
}

/** What a finished live job returns: the replay the control plane records for on-demand playback. */
export interface LiveJobResult {
  eventId: string;
  assetId: string;
  /** Same shape as a VOD result (VodJobResult, vod-job.ts), so the recording becomes a ready asset like an upload. */
  attemptPrefix: string;
  /** Object key of the VOD-type master playlist of the full recording. */
  masterKey: string;
  /** Object key of the live master playlist (sliding windows; ENDLIST once the stream ended). */
  liveMasterKey: string;
  durationS: number;
  renditions: Array<{
    name: string;
    width?: number;
    height?: number;
    bandwidth: number;
    averageBandwidth: number;
    codecs: string[];
    bytes: number;
    playlistKey: string;
  }>;
  totalBytes: number;
  ffmpegSeconds: number;
  /** How often a worker had to resume the stream (a discontinuity each). */
  resumes: number;
  /** Why the stream ended: the presenter stopped, the organizer ended it, or the cap. */
  endReason: string;
}

/** BullMQ job id of an event's live job: one live job per event, so a second enqueue is a no-op. */
export function liveJobId(eventId: string): string {
  return `live-${eventId}`;
}
