import { readConfigOrExit } from '#config';
import { FluentFfmpegRunner } from '#media';
import { storageFromConfig } from '#storage';
import { startHealthServer } from './health-server';
import { jsonLog } from './json-log';
import { ControlPlaneKeySource } from './vod/hls-key-source';
import { vodSettings } from './vod/vod-settings';
import { VodMetrics } from './vod/vod-metrics';
import { createVodWorker } from './vod/vod-worker';

// A transcoder process: run as many as wanted, on any machine that reaches Redis, S3 and the control plane.
const config = readConfigOrExit(vodSettings);
const log = jsonLog(config.LOG_LEVEL);
const storage = storageFromConfig(config);
const worker = createVodWorker(
  {
    storage,
    runner: new FluentFfmpegRunner(),
    keys: new ControlPlaneKeySource(config.CONTROL_PLANE_URL, config.INTERNAL_API_TOKEN),
    workDir: config.VOD_WORK_DIR,
    segmentSeconds: config.VOD_SEGMENT_SECONDS,
    preset: config.VOD_X264_PRESET,
    uploadParallelism: config.VOD_UPLOAD_PARALLELISM,
  },
  {
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    concurrency: config.VOD_CONCURRENCY,
    lockDurationMs: config.VOD_LOCK_DURATION,
    stalledIntervalMs: config.VOD_STALLED_INTERVAL,
    maxStalledCount: config.VOD_MAX_STALLED,
    log,
  },
);
const metrics = new VodMetrics();
metrics.watch(worker);
worker.on('ready', () => log('transcoder ready', { queue: 'vod', concurrency: config.VOD_CONCURRENCY }));
if (config.VOD_METRICS_PORT) {
  startHealthServer(config.VOD_METRICS_PORT, config.VOD_METRICS_HOST, metrics.registry, () => worker.isRunning()).then(
    () =>
      log('transcoder health and metrics', {
        url: `http://${config.VOD_METRICS_HOST}:${config.VOD_METRICS_PORT}/metrics`,
      }),
    (e: Error) => {
      process.stderr.write(`transcoder: cannot listen on VOD_METRICS_PORT=${config.VOD_METRICS_PORT}: ${e.message}\n`);
      process.exit(1);
    },
  );
}

// SIGTERM: stop taking jobs and let the running ones finish (their locks stay renewed meanwhile).
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('transcoder stopping; finishing running jobs', { signal });
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
