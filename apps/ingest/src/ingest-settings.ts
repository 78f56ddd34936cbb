import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentedAs, env, internalApiToken, sharedSettings } from '#config';
import { DEFAULT_RECONNECT_GRACE_MS } from '#domain';

// Env of the ingest process (RTMP server).
export const ingestSettings = {
  ...sharedSettings,
  ...internalApiToken,
  HOST: env.string('interface the RTMP server binds to', '127.0.0.1'),
  // node-media-server starts no RTMP listener on port 0, so 0 is not accepted here
  RTMP_PORT: env.int('RTMP port presenters publish to (rtmp://HOST:PORT/live/STREAM_KEY)', 1, 65535, 1935),
  INGEST_HTTP_PORT: env.port("port of ingest's GET /health and GET /metrics (on HOST)", 3200),
  CONTROL_PLANE_URL: env.url(
    'control plane base URL, for the internal live API',
    ['http', 'https'],
    'http://127.0.0.1:3000',
  ),
  INGEST_PULL_URL: env.optionalUrl(
    'RTMP base URL live workers pull streams from (default rtmp://HOST:RTMP_PORT/live)',
    ['rtmp'],
  ),
  RECONNECT_GRACE: env.duration(
    'how long a presenter who dropped may reconnect with the same key and resume the same event',
    DEFAULT_RECONNECT_GRACE_MS,
  ),
  KEY_CACHE_REFRESH: env.duration(
    'how often ingest refreshes its local cache of stream keys from the control plane',
    2000,
  ),
  HEALTH_REPORT_INTERVAL: env.duration(
    "how often ingest reports each stream's bitrate, frame rate and dropped frames",
    5000,
  ),
  LIVE_JOB_ATTEMPTS: env.int(
    'attempts of a live job (a worker that stops cleanly hands it back; one that dies is taken over without using one)',
    1,
    1000,
    50,
  ),
  RTMP_PUBLISH_FAILURE_LIMIT: env.int(
    'publishes with an unknown stream key one address may make within RTMP_PUBLISH_FAILURE_WINDOW; past it every publish from that address is refused until the window ends (stream-key guessing)',
    1,
    1_000_000,
    10,
  ),
  RTMP_PUBLISH_FAILURE_WINDOW: env.duration('window of the unknown-key limit', 10 * 60_000),
  INGEST_DATA_DIR: documentedAs(
    '<temp folder>/webcast-ingest',
    env.string("folder for the RTMP server's own small state", join(tmpdir(), 'webcast-ingest')),
  ),
};
