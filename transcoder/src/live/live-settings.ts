import { tmpdir } from 'node:os';
import { documentedAs, env, internalApiToken, sharedSettings } from '#config';
import { storageSettings } from '#storage';

// Env of a live transcoder process. Lock and stall timings decide how fast another worker resumes a stream whose
// worker died: about LIVE_LOCK_DURATION, and the issue asks for at most 10 s.
export const liveSettings = {
  ...sharedSettings,
  ...internalApiToken,
  ...storageSettings,
  CONTROL_PLANE_URL: env.url(
    'control plane base URL, for the internal key endpoint',
    ['http', 'https'],
    'http://127.0.0.1:3000',
  ),
  LIVE_CONCURRENCY: env.int('live streams this process transcodes at once', 1, 64, 2),
  LIVE_LOCK_DURATION: env.duration(
    "how long a live job lock lasts without renewal; another worker resumes a dead worker's stream after about this long",
    4000,
  ),
  LIVE_STALLED_INTERVAL: env.duration('how often this worker looks for live streams whose worker died', 2000),
  LIVE_LADDER: env.string(
    'short sides of the transcoded rungs below the passed-through source, comma separated',
    '720,480,360',
  ),
  LIVE_X264_PRESET: env.oneOf(
    'x264 preset of the transcoded rungs',
    ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium'] as const,
    'veryfast',
  ),
  LIVE_WINDOW_SEGMENTS: env.int('segments a live playlist names (the sliding window)', 3, 60, 6),
  LIVE_INPUT_TIMEOUT: env.duration(
    "ffmpeg gives up on a silent stream after this long (longer than ingest's reconnect grace)",
    45_000,
  ),
  LIVE_WORK_DIR: documentedAs(
    '<temp folder>',
    env.string('folder for the segments of running streams before upload', tmpdir()),
  ),
  LIVE_METRICS_PORT: env.port('port of /health and /metrics of this live transcoder (0 = none)', 0),
  LIVE_METRICS_HOST: env.string('interface /health and /metrics bind to', '127.0.0.1'),
};

export function parseLadder(raw: string): number[] {
  const sides = raw
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n >= 90 && n <= 4320);
  if (!sides.length) throw new Error(`LIVE_LADDER="${raw}" names no rung (expected e.g. 720,480,360)`);
  return sides;
}
