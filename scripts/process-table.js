'use strict';
// The processes `npm start` runs, in start order, with the embedded defaults each gets.
// Each entry: name, script (built JS), env, waitForUrl (start the next one only when this answers), banner (printed at the end).
const path = require('node:path');

function processTable({ root, dataDir, env }) {
  const dist = (p) => path.join(root, 'dist', p);
  const cpPort = env.PORT || '3000';
  const table = [];
  table.push({
    name: 'control-plane',
    script: dist('apps/control-plane/src/main.js'),
    env: { PORT: cpPort, PGLITE_DIR: env.DATABASE_URL ? undefined : path.join(dataDir, 'pglite'), SEED_DEMO: env.SEED_DEMO || 'true' },
    waitForUrl: `http://127.0.0.1:${cpPort}/health`,
    banner: [
      `control plane   http://127.0.0.1:${cpPort}/        API http://127.0.0.1:${cpPort}/api   OpenAPI http://127.0.0.1:${cpPort}/docs`,
      `                metrics http://127.0.0.1:${cpPort}/metrics   health http://127.0.0.1:${cpPort}/health`,
      `demo logins     admin     admin.demo@example.com / demo-admin-password`,
      `                organizer ada.lovelace@example.com / demo-organizer-password`,
    ].join('\n'),
  });
  // Two admission nodes sharing the seat ledger in Redis: attendees may join through either (README, Admission).
  const admissionPorts = (env.ADMISSION_PORTS || '3100,3101').split(',');
  admissionPorts.forEach((port, i) => {
    table.push({
      name: `admission-${i + 1}`,
      script: dist('apps/admission/src/main.js'),
      env: { PORT: port, NODE_ID: `admission-${i + 1}` },
      waitForUrl: `http://127.0.0.1:${port}/health`,
      banner: `admission ${i + 1}     ws://127.0.0.1:${port}/socket.io   metrics http://127.0.0.1:${port}/metrics   health http://127.0.0.1:${port}/health`,
    });
  });
  return table;
}

module.exports = { processTable };
