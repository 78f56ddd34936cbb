import { readConfigOrExit } from '#config';
import { createLogger, runProcess, startHealthServer } from '#process';
import { ControlPlaneClient } from './control-plane-client';
import { ingestSettings } from './ingest-settings';
import { IngestServer } from './ingest-server';

// The RTMP ingest process: presenters publish to rtmp://HOST:RTMP_PORT/live/STREAM_KEY.
const config = readConfigOrExit(ingestSettings);
const logger = createLogger({ service: 'ingest', level: config.LOG_LEVEL });
const pullHost = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;

const server = new IngestServer({
  host: config.HOST,
  rtmpPort: config.RTMP_PORT,
  pullBaseUrl: config.INGEST_PULL_URL ?? `rtmp://${pullHost}:${config.RTMP_PORT}/live`,
  controlPlane: new ControlPlaneClient(config.CONTROL_PLANE_URL, config.INTERNAL_API_TOKEN),
  redisUrl: config.REDIS_URL,
  redisPrefix: config.REDIS_PREFIX,
  reconnectGraceMs: config.RECONNECT_GRACE,
  keyCacheRefreshMs: config.KEY_CACHE_REFRESH,
  healthReportMs: config.HEALTH_REPORT_INTERVAL,
  liveJobAttempts: config.LIVE_JOB_ATTEMPTS,
  dataDir: config.INGEST_DATA_DIR,
  playSecret: config.INTERNAL_API_TOKEN,
  publishFailureLimit: config.RTMP_PUBLISH_FAILURE_LIMIT,
  publishFailureWindowMs: config.RTMP_PUBLISH_FAILURE_WINDOW,
  log: (level, msg, fields = {}) => logger[level](fields, msg),
});

runProcess({
  name: 'ingest',
  logger,
  start: async () => {
    await server.start();
    const http = await startHealthServer({
      host: config.HOST,
      port: config.INGEST_HTTP_PORT,
      checks: server.healthChecks(),
      registry: server.metrics.registry,
    });
    logger.info({ health: `${http.url}/health`, metrics: `${http.url}/metrics` }, 'ingest health and metrics');
    return http;
  },
  stop: async (http) => {
    await http.close();
    await server.stop();
  },
});
