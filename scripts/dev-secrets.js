'use strict';
// The secrets `npm start` runs with: made once per data folder with the OS's random source, kept in secrets.json
// (mode 0600, like an SSH key) and reused on every later start, so sessions, join links and stream-key lookups keep
// working across restarts. A variable already set in the environment wins and is never written to the file.
const { randomBytes } = require('node:crypto');
const { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const SECRET_NAMES = ['JWT_SECRET', 'JOIN_TOKEN_SECRET', 'PLAYBACK_TOKEN_SECRET', 'INTERNAL_API_TOKEN'];

/** Which process reads which secret: each child gets only its own (scripts/process-table.js). */
const SECRETS_OF = {
  'control-plane': SECRET_NAMES,
  admission: ['JOIN_TOKEN_SECRET', 'PLAYBACK_TOKEN_SECRET'],
  ingest: ['INTERNAL_API_TOKEN'],
  transcoder: ['INTERNAL_API_TOKEN'],
};

function secretsFile(dataDir) {
  return path.join(dataDir, 'secrets.json');
}

/** The stored secrets of `dataDir`, creating the ones missing; then the environment's own values over them. */
function loadOrCreateSecrets(dataDir, env) {
  const file = secretsFile(dataDir);
  let stored = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file} is not valid JSON (${e.message}); fix it, or delete it to make new secrets`, {
        cause: e,
      });
    }
    chmodSync(file, 0o600); // in case someone loosened it
  }
  const missing = SECRET_NAMES.filter((n) => typeof stored[n] !== 'string' || stored[n] === '');
  if (missing.length > 0) {
    for (const n of missing) stored[n] = randomBytes(48).toString('base64url');
    // written beside the target and renamed, so a crash never leaves half a file; mode set before any byte lands
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  }
  const out = {};
  for (const n of SECRET_NAMES) out[n] = env[n] || stored[n];
  return { secrets: out, file, created: missing };
}

/** The secrets one kind of process reads, picked from `secrets`. */
function secretsFor(kind, secrets) {
  return Object.fromEntries((SECRETS_OF[kind] || []).map((n) => [n, secrets[n]]));
}

module.exports = { SECRET_NAMES, loadOrCreateSecrets, secretsFile, secretsFor };
