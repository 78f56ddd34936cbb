import { readConfigOrExit } from '#config';
import { createLogger, createMetricsRegistry, runProcess } from '#process';
import { rungsFor } from '#media';
import { storageFromConfig } from '#storage';
import { ControlPlaneKeySource } from '../vod/hls-key-source';
import { serveWorker } from '../worker-process';
import { liveSettings, parseLadder } from './live-settings';
import { createLiveWorker } from './live-worker';

// A live transcoder process (its own entry, next to the vod one): run as many as wanted; each takes live jobs,
// pulls the stream from ingest over RTMP and writes the HLS ladder to object storage.
const config = readConfigOrExit(liveSettings);
let sides: number[];
try {
  sides = parseLadder(config.LIVE_LADDER);
} catch (e) {
  process.stderr.write(`config: ${(e as Error).message}\n`);
  process.exit(1);
}
const logger = createLogger({ service: 'live-transcoder', level: config.LOG_LEVEL });

runProcess({
  name: 'live-transcoder',
  logger,
  start: () =>
    serveWorker(
      createLiveWorker(
        {
          storage: storageFromConfig(config),
          redisPrefix: config.REDIS_PREFIX,
          keys: new ControlPlaneKeySource(config.CONTROL_PLANE_URL, config.INTERNAL_API_TOKEN),
          workDir: config.LIVE_WORK_DIR,
          rungs: rungsFor(sides),
          preset: config.LIVE_X264_PRESET,
          windowSize: config.LIVE_WINDOW_SEGMENTS,
          inputTimeoutMs: config.LIVE_INPUT_TIMEOUT,
          log: logger,
        },
        {
          redisUrl: config.REDIS_URL,
          redisPrefix: config.REDIS_PREFIX,
          concurrency: config.LIVE_CONCURRENCY,
          lockDurationMs: config.LIVE_LOCK_DURATION,
          stalledIntervalMs: config.LIVE_STALLED_INTERVAL,
        },
      ),
      {
        logger,
        ready: {
          msg: 'live transcoder ready',
          fields: { queue: 'live', concurrency: config.LIVE_CONCURRENCY, ladder: sides },
        },
        port: config.LIVE_METRICS_PORT,
        host: config.LIVE_METRICS_HOST,
        registry: createMetricsRegistry(),
      },
    ),
  // its streams stop at once: another worker resumes each (close() aborts them)
  stop: (served) => served.close(),
});
