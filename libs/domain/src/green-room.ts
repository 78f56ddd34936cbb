import type { EventState } from './event-state';

// What the presenter's green room tells about a live stream: its status, how long until the 8-hour cap, and
// whether the encoder is set for low latency. Pure, so the page and the API agree.

export type StreamStatus = 'waiting-for-obs' | 'live' | 'reconnecting' | 'ended';

/** Ingest reports health every 5 s by default; three missed reports mean the publisher is gone for now. */
export const STREAM_STALE_AFTER_MS = 15_000;

export function streamStatus(o: { state: EventState; healthReportedAt: Date | null; now: Date }): StreamStatus {
  if (o.state === 'ended' || o.state === 'cancelled') return 'ended';
  if (o.state === 'scheduled') return 'waiting-for-obs';
  const fresh = o.healthReportedAt && o.now.getTime() - o.healthReportedAt.getTime() <= STREAM_STALE_AFTER_MS;
  return fresh ? 'live' : 'reconnecting';
}

/** Minutes before the cap at which the presenter is warned, most urgent last. */
export const CAP_WARNINGS_MIN = [15, 5] as const;

/** The warning due `msLeft` before the cap: 5 inside 5 minutes, 15 inside 15, none before. */
export function capWarning(msLeft: number): 15 | 5 | null {
  if (msLeft <= 5 * 60_000) return 5;
  if (msLeft <= 15 * 60_000) return 15;
  return null;
}

/** The keyframe interval a low-latency stream wants: one per second, so each segment can start on one. */
export const RECOMMENDED_KEYFRAME_INTERVAL_S = 1;

/**
 * A GOP longer than a live segment makes segments wait for keyframes: latency grows and the player stalls on
 * joins. Warn above the segment length (with a 10 % slack for encoders that round).
 */
export function keyframeIntervalTooLong(intervalS: number | undefined, segmentSeconds: number): boolean {
  return intervalS !== undefined && intervalS > segmentSeconds * 1.1;
}

export interface EncoderPreset {
  resolution: string;
  height: number;
  frameRate: number;
  videoKbps: number;
  audioKbps: number;
}

// OBS's x264/NVENC at CBR: bitrates in the range of the platforms' own upload guides, sized to what the live ladder
// (1080/720/480/360) can use without wasting the presenter's upload.
export const RECOMMENDED_ENCODER_SETTINGS: readonly EncoderPreset[] = [
  { resolution: '1920×1080', height: 1080, frameRate: 30, videoKbps: 6000, audioKbps: 160 },
  { resolution: '1280×720', height: 720, frameRate: 30, videoKbps: 3500, audioKbps: 160 },
  { resolution: '854×480', height: 480, frameRate: 30, videoKbps: 1500, audioKbps: 128 },
];
