import { readConfigOrExit } from '#config';
import { ControlPlaneClient } from './control-plane-client';
import { ingestSettings } from './ingest-settings';
import { startIngestHttp } from './ingest-metrics';
import { IngestServer } from './ingest-server';

// The RTMP ingest process: presenters publish to rtmp://HOST:RTMP_PORT/live/STREAM_KEY.
const config = readConfigOrExit(ingestSettings);
const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const log = (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}) => {
  if (config.LOG_LEVEL === 'silent' || levels.indexOf(level) < levels.indexOf(config.LOG_LEVEL)) return;
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), pid: process.pid, msg, ...fields })}\n`,
  );
};
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
  log,
});
server
  .start()
  .then(async () => {
    await startIngestHttp(config.HOST, config.INGEST_HTTP_PORT, server.metrics, () => server.status());
    log('info', 'ingest health and metrics', {
      health: `http://${pullHost}:${config.INGEST_HTTP_PORT}/health`,
      metrics: `http://${pullHost}:${config.INGEST_HTTP_PORT}/metrics`,
    });
  })
  .catch((e: Error) => {
    process.stderr.write(`ingest could not start: ${e.message}\n`);
    process.exit(1);
  });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
