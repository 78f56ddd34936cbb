'use strict';
// The processes `npm start` runs, in start order, with the embedded defaults each gets.
// Each entry: name, script (built JS), env, waitForUrl (start the next one only when this answers), banner (printed at the end).
const path = require('node:path');
const { secretsFor } = require('./dev-secrets');

const vodWorkers = (env) => Number(env.TRANSCODERS || '1');
const liveWorkers = (env) => Number(env.LIVE_TRANSCODERS || '2');

/** How many worker processes the table runs: each gets a /health port (workerPorts below). */
function workerCount(env) {
  return vodWorkers(env) + liveWorkers(env);
}

/** `secrets`: the set scripts/dev-secrets.js made; each process gets only those it reads. */
function processTable({ root, dataDir, env, workerPorts, secrets }) {
  const dist = (p) => path.join(root, 'dist', p);
  const ports = [...workerPorts];
  const health = (port) => `http://127.0.0.1:${port}/health`;
  const cpPort = env.PORT || '3000';
  const table = [];
  // Object storage: the configured S3_ENDPOINT, else an embedded S3 endpoint storing under the data folder.
  const s3Port = env.S3_EMBEDDED_PORT || '9000';
  const s3Endpoint = env.S3_ENDPOINT || `http://127.0.0.1:${s3Port}`;
  if (!env.S3_ENDPOINT) {
    table.push({
      name: 'embedded-s3',
      script: dist('libs/storage/src/embedded-s3-main.js'),
      env: { S3_EMBEDDED_PORT: s3Port, S3_EMBEDDED_DIR: path.join(dataDir, 's3') },
      waitForUrl: `${s3Endpoint}/`,
      banner: `object storage  ${s3Endpoint} (embedded s3rver, data in ${path.join(dataDir, 's3')}; set S3_ENDPOINT for MinIO)`,
    });
  }
  // Mail: the configured SMTP_URL, else an SMTP catcher of its own process keeping every mail under the data folder
  // (a process apart, like the embedded S3 endpoint: any number of control planes can send to it, and the console's
  // development outbox reads its folder).
  const mailCatcherPort = env.MAIL_CATCHER_PORT || '1025';
  const outboxDir = env.MAIL_OUTBOX_DIR || path.join(dataDir, 'outbox');
  if (!env.SMTP_URL) {
    table.push({
      name: 'smtp-catcher',
      script: dist('libs/mail/src/smtp-catcher-main.js'),
      env: { MAIL_CATCHER_PORT: mailCatcherPort, MAIL_OUTBOX_DIR: outboxDir },
      waitForPort: Number(mailCatcherPort),
      banner: `mail            smtp://127.0.0.1:${mailCatcherPort} (embedded catcher, mails in ${outboxDir}; set SMTP_URL to send for real)\n                outbox http://127.0.0.1:${cpPort}/console/outbox (sign in as the operator)`,
    });
  }
  // The embedded endpoint accepts only its fixed key pair; with S3_ENDPOINT the operator's own keys pass through.
  const s3Keys = env.S3_ENDPOINT ? {} : { S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER' };
  // Two admission nodes sharing the seat ledger in Redis: attendees may join through either (README, Admission).
  const admissionPorts = (env.ADMISSION_PORTS || '3100,3101').split(',');
  table.push({
    name: 'control-plane',
    script: dist('apps/control-plane/src/main.js'),
    env: {
      ...secretsFor('control-plane', secrets),
      PORT: cpPort,
      PGLITE_DIR: env.DATABASE_URL ? undefined : path.join(dataDir, 'pglite'),
      SEED_DEMO: env.SEED_DEMO || 'true',
      S3_ENDPOINT: s3Endpoint,
      ...s3Keys,
      ADMISSION_PUBLIC_URLS: admissionPorts.map((p) => `http://127.0.0.1:${p}`).join(','),
      MAIL_CATCHER_PORT: env.SMTP_URL ? undefined : mailCatcherPort,
      MAIL_OUTBOX_DIR: env.SMTP_URL ? undefined : outboxDir,
    },
    waitForUrl: `http://127.0.0.1:${cpPort}/health`,
    banner: [
      `control plane   http://127.0.0.1:${cpPort}/        API http://127.0.0.1:${cpPort}/api   OpenAPI http://127.0.0.1:${cpPort}/docs`,
      `                metrics http://127.0.0.1:${cpPort}/metrics   health http://127.0.0.1:${cpPort}/health`,
      `demo logins     admin     admin.demo@example.com / demo-admin-password`,
      `                organizer ada.lovelace@example.com / demo-organizer-password`,
      `                operator  operator.demo@example.com / demo-operator-password`,
    ].join('\n'),
  });
  admissionPorts.forEach((port, i) => {
    table.push({
      name: `admission-${i + 1}`,
      script: dist('apps/admission/src/main.js'),
      env: { ...secretsFor('admission', secrets), PORT: port, NODE_ID: `admission-${i + 1}` },
      waitForUrl: `http://127.0.0.1:${port}/health`,
      banner: `admission ${i + 1}     ws://127.0.0.1:${port}/socket.io   metrics http://127.0.0.1:${port}/metrics   health http://127.0.0.1:${port}/health`,
    });
  });
  // VOD transcoders (README, On-demand video): any number of copies; TRANSCODERS sets how many npm start runs.
  const transcoders = vodWorkers(env);
  for (let i = 1; i <= transcoders; i++) {
    const port = ports.shift();
    table.push({
      name: `transcoder-${i}`,
      script: dist('transcoder/src/main.js'),
      env: {
        ...secretsFor('transcoder', secrets),
        S3_ENDPOINT: s3Endpoint,
        ...s3Keys,
        CONTROL_PLANE_URL: `http://127.0.0.1:${cpPort}`,
        VOD_METRICS_PORT: String(port),
      },
      waitForUrl: health(port),
      banner:
        i === 1
          ? `transcoders     ${transcoders} x vod worker (VOD_CONCURRENCY=${env.VOD_CONCURRENCY || 1} each)   player http://127.0.0.1:${cpPort}/player/<asset id>   health ${health(port)}`
          : undefined,
    });
  }
  // Live (README, Live): the RTMP ingest, then live workers (their own entry) that pull streams from it.
  const rtmpPort = env.RTMP_PORT || '1935';
  const ingestHttpPort = env.INGEST_HTTP_PORT || '3200';
  table.push({
    name: 'ingest',
    script: dist('apps/ingest/src/main.js'),
    env: {
      ...secretsFor('ingest', secrets),
      RTMP_PORT: rtmpPort,
      INGEST_HTTP_PORT: ingestHttpPort,
      CONTROL_PLANE_URL: `http://127.0.0.1:${cpPort}`,
      INGEST_DATA_DIR: path.join(dataDir, 'ingest'),
    },
    waitForUrl: `http://127.0.0.1:${ingestHttpPort}/health`,
    banner: `ingest (OBS)    server rtmp://127.0.0.1:${rtmpPort}/live   stream key: the event's (GET /api/events/<id>/live)   health http://127.0.0.1:${ingestHttpPort}/health`,
  });
  const live = liveWorkers(env);
  for (let i = 1; i <= live; i++) {
    const port = ports.shift();
    table.push({
      name: `live-transcoder-${i}`,
      script: dist('transcoder/src/live/main.js'),
      env: {
        ...secretsFor('transcoder', secrets),
        S3_ENDPOINT: s3Endpoint,
        ...s3Keys,
        CONTROL_PLANE_URL: `http://127.0.0.1:${cpPort}`,
        LIVE_METRICS_PORT: String(port),
      },
      waitForUrl: health(port),
      banner:
        i === 1
          ? `live workers    ${live} x live worker (a killed one's stream moves to another within ~5 s)   health ${health(port)}`
          : undefined,
    });
  }
  return table;
}

module.exports = { processTable, workerCount };
