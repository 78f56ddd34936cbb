#!/usr/bin/env node
// `npm test` after the build: the built tests through Node's test runner (spec output on the console, TAP to a
// file for the closing count). The layer is in the name: *.e2e.test.js (built processes, browser),
// *.int.test.js (real PostgreSQL, Redis, ffmpeg, S3), any other *.test.js is a unit test. Unit tests run in an
// environment with Redis and PostgreSQL at closed ports and no ffmpeg on PATH (scripts/unit-isolation.ts), so a
// unit test that needs a service fails here rather than passing on a machine that has one.
//
//   node scripts/run-tests.js [--unit] [--int] [--e2e] [path prefix under dist/ ...]
//   e.g. `node scripts/run-tests.js --unit`, `node scripts/run-tests.js apps/admission libs`
'use strict';
const { spawn } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, mkdtempSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const LAYERS = ['unit', 'int', 'e2e'];

const args = process.argv.slice(2);
const unknown = args.filter((a) => a.startsWith('--') && !LAYERS.includes(a.slice(2)));
if (unknown.length) {
  console.error(`run-tests: unknown option ${unknown.join(' ')} (layers: ${LAYERS.map((l) => `--${l}`).join(' ')})`);
  process.exit(2);
}
const chosen = args.filter((a) => a.startsWith('--')).map((a) => a.slice(2));
const layers = chosen.length ? chosen : LAYERS;
const prefixes = args.filter((a) => !a.startsWith('--'));

function layerOf(file) {
  if (file.endsWith('.e2e.test.js')) return 'e2e';
  if (file.endsWith('.int.test.js')) return 'int';
  return 'unit';
}

function findTests(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

if (!existsSync(dist)) {
  console.error('run-tests: no dist/ folder (run the build first: npx tsc -p .)');
  process.exit(1);
}
// An incremental build leaves the output of renamed or deleted tests behind: run only tests with a source.
const stale = [];
const files = findTests(dist)
  .filter((f) => {
    const source = path.join(root, path.relative(dist, f)).replace(/\.js$/, '.ts');
    if (existsSync(source)) return true;
    stale.push(path.relative(root, f));
    return false;
  })
  .filter((f) => prefixes.length === 0 || prefixes.some((p) => path.relative(dist, f).startsWith(p)))
  .filter((f) => layers.includes(layerOf(f)))
  .sort();
if (stale.length) {
  console.log(`run-tests: skipping ${stale.length} built test(s) whose source is gone: ${stale.join(' ')}`);
}
if (files.length === 0) {
  console.error(`run-tests: no ${layers.join('/')} test files found under dist/ (did the build run?)`);
  process.exit(1);
}

/** One `node --test` run over `group`; resolves to its counts read from the TAP file. */
function runGroup(group, env) {
  const tap = path.join(mkdtempSync(path.join(os.tmpdir(), 'tests-')), 'results.tap');
  const argv = [
    '--test',
    `--test-concurrency=${process.env.TEST_CONCURRENCY || 2}`,
    // A hung test must not hold CI until its limit: no single test file runs longer than this.
    `--test-timeout=${process.env.TEST_TIMEOUT_MS || 300000}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...group,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      const counts = { pass: 0, fail: 0, skipped: 0, ok: !signal && code === 0 };
      try {
        const text = readFileSync(tap, 'utf8');
        const count = (name) => Number((new RegExp(`^# ${name} (\\d+)`, 'm').exec(text) || [])[1] || 0);
        counts.pass = count('pass');
        counts.fail = count('fail') + count('cancelled');
        counts.skipped = count('skipped');
      } catch {
        /* the runner died before writing: the exit code tells */
      }
      resolve(counts);
    });
  });
}

async function main() {
  const unit = files.filter((f) => layerOf(f) === 'unit');
  const services = files.filter((f) => layerOf(f) !== 'unit');
  const results = [];
  if (unit.length) {
    // compiled from scripts/unit-isolation.ts by the same build as the tests
    const { isolatedEnvironment } = require(path.join(dist, 'scripts/unit-isolation.js'));
    const isolated = await isolatedEnvironment(process.env);
    console.log(
      `run-tests: ${unit.length} unit test file(s) with REDIS_URL=${isolated.env.REDIS_URL}, ` +
        `DATABASE_URL=${isolated.env.DATABASE_URL} (closed ports) and no ffmpeg, redis-server, psql or chromium on PATH`,
    );
    try {
      results.push(await runGroup(unit, isolated.env));
    } finally {
      isolated.dispose();
    }
  }
  if (services.length) {
    console.log(`run-tests: ${services.length} integration and end-to-end test file(s)`);
    results.push(await runGroup(services, process.env));
  }
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  console.log(`\ntests: ${sum('pass')} passed, ${sum('fail')} failed, ${sum('skipped')} skipped`);
  process.exit(results.every((r) => r.ok) && sum('fail') === 0 && sum('pass') > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`run-tests: ${e.stack || e}`);
  process.exit(1);
});
