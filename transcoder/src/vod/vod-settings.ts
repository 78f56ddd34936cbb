import { documentedAs, env, internalApiToken, sharedSettings } from '#config';
import { storageSettings } from '#storage';
import { tmpdir } from 'node:os';

// Env of a VOD transcoder process. Lock and stall timings decide how fast a job of a killed worker moves on.
export const vodSettings = {
  ...sharedSettings,
  ...internalApiToken,
  ...storageSettings,
  CONTROL_PLANE_URL: env.url(
    'control plane base URL, for the internal key endpoint',
    ['http', 'https'],
    'http://127.0.0.1:3000',
  ),
  VOD_CONCURRENCY: env.int('vod jobs this process transcodes at once', 1, 64, 1),
  VOD_LOCK_DURATION: env.duration(
    "how long a job lock lasts without renewal; a killed worker's job is taken over after about this long",
    30_000,
  ),
  VOD_STALLED_INTERVAL: env.duration('how often this worker looks for jobs whose worker died', 30_000),
  VOD_MAX_STALLED: env.int('times a job may lose its worker before it fails', 1, 100, 3),
  VOD_SEGMENT_SECONDS: env.int('target HLS segment length in seconds', 1, 20, 4),
  VOD_X264_PRESET: env.oneOf(
    'x264 preset',
    ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'] as const,
    'veryfast',
  ),
  VOD_WORK_DIR: documentedAs('<temp folder>', env.string('folder for temporary files of running jobs', tmpdir())),
  VOD_METRICS_PORT: env.port('port of /health and /metrics of this transcoder (0 = none)', 0),
  VOD_METRICS_HOST: env.string('interface /health and /metrics bind to', '127.0.0.1'),
  VOD_UPLOAD_PARALLELISM: env.int('objects uploaded at once', 1, 64, 6),
  VOD_STOP_GRACE: env.duration(
    'how long a stopping transcoder lets its running jobs finish before it exits anyway (another worker then takes them over)',
    600_000,
  ),
};
