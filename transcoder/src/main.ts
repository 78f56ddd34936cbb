import { readConfigOrExit } from '#config';
import { FfmpegRunner } from '#media';
import { createLogger, runProcess } from '#process';
import { storageFromConfig } from '#storage';
import { ControlPlaneKeySource } from './vod/hls-key-source';
import { VodMetrics } from './vod/vod-metrics';
import { vodSettings } from './vod/vod-settings';
import { createVodWorker } from './vod/vod-worker';
import { serveWorker } from './worker-process';

// A transcoder process: run as many as wanted, on any machine that reaches Redis, S3 and the control plane.
const config = readConfigOrExit(vodSettings);
const logger = createLogger({ service: 'transcoder', level: config.LOG_LEVEL });

runProcess({
  name: 'transcoder',
  logger,
  // SIGTERM: stop taking jobs and let the running ones finish (their locks stay renewed meanwhile).
  deadlineMs: config.VOD_STOP_GRACE,
  start: () => {
    const vod = createVodWorker(
      {
        storage: storageFromConfig(config),
        runner: new FfmpegRunner(),
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
        log: logger,
      },
    );
    const metrics = new VodMetrics();
    metrics.watch(vod.worker);
    return serveWorker(vod, {
      logger,
      ready: { msg: 'transcoder ready', fields: { queue: 'vod', concurrency: config.VOD_CONCURRENCY } },
      port: config.VOD_METRICS_PORT,
      host: config.VOD_METRICS_HOST,
      registry: metrics.registry,
    });
  },
  stop: (served) => served.close(),
});
