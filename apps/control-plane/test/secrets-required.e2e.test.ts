import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { WatchedProcess } from './support/child-process';

// Every built entry point that reads a secret, started bare on every address: each stops with one line naming the
// first secret it lacks, before it listens or connects to anything.
const ROOT = resolve(__dirname, '../../../..');

describe('every process without its secrets', () => {
  for (const [script, first] of [
    ['dist/apps/control-plane/src/main.js', 'JWT_SECRET'],
    ['dist/apps/admission/src/main.js', 'JOIN_TOKEN_SECRET'],
    ['dist/apps/ingest/src/main.js', 'INTERNAL_API_TOKEN'],
    ['dist/transcoder/src/main.js', 'INTERNAL_API_TOKEN'],
    ['dist/transcoder/src/live/main.js', 'INTERNAL_API_TOKEN'],
  ] as const) {
    it(`${script} exits with one line naming ${first}`, async () => {
      const p = WatchedProcess.start(process.execPath, [resolve(ROOT, script)], {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        HOST: '0.0.0.0',
        NODE_ENV: 'production',
      });
      const { code } = await p.exited;
      assert.equal(code, 1, p.tail());
      assert.deepEqual(p.stderr.trim().split('\n').length, 1, p.stderr);
      assert.match(p.stderr, new RegExp(`^config: ${first} is required: `));
      assert.equal(p.stdout, '');
    });
  }
});
