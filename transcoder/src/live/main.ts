import { readConfigOrExit } from '#config';
import { rungsFor } from '#media';
import { storageFromConfig } from '#storage';
import { jsonLog } from '../json-log';
import { ControlPlaneKeySource } from '../vod/hls-key-source';
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
const log = jsonLog(config.LOG_LEVEL);
const storage = storageFromConfig(config);
const { worker, close } = createLiveWorker(
  {
    storage,
    redisPrefix: config.REDIS_PREFIX,
    keys: new ControlPlaneKeySource(config.CONTROL_PLANE_URL, config.INTERNAL_API_TOKEN),
    workDir: config.LIVE_WORK_DIR,
    rungs: rungsFor(sides),
    preset: config.LIVE_X264_PRESET,
    windowSize: config.LIVE_WINDOW_SEGMENTS,
    inputTimeoutMs: config.LIVE_INPUT_TIMEOUT,
    log,
  },
  {
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    concurrency: config.LIVE_CONCURRENCY,
    lockDurationMs: config.LIVE_LOCK_DURATION,
    stalledIntervalMs: config.LIVE_STALLED_INTERVAL,
  },
);
worker.on('ready', () =>
  log('live transcoder ready', { queue: 'live', concurrency: config.LIVE_CONCURRENCY, ladder: sides }),
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('live transcoder stopping; its streams move to other workers', { signal });
  close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
