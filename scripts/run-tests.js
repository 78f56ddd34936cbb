#!/usr/bin/env node
// `npm test` after the build: every dist/**/*.test.js through Node's test runner (spec output on the console,
// TAP to a file for the closing count). Only *.test.js files are tests: helpers under test/ folders are not.
'use strict';
const { spawn } = require('node:child_process');
const { readdirSync, readFileSync, mkdtempSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const only = process.argv.slice(2); // optional path prefixes under dist/, e.g. `libs apps/admission`

function findTests(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const dist = path.join(root, 'dist');
const files = findTests(dist)
  .filter((f) => only.length === 0 || only.some((p) => path.relative(dist, f).startsWith(p)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files found under dist/ (did the build run?)');
  process.exit(1);
}

const tap = path.join(mkdtempSync(path.join(os.tmpdir(), 'tests-')), 'results.tap');
const args = [
  '--test',
  `--test-concurrency=${process.env.TEST_CONCURRENCY || 2}`,
  // A hung test must not hold CI until its limit: no single test file runs longer than this.
  `--test-timeout=${process.env.TEST_TIMEOUT_MS || 300000}`,
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tap}`,
  ...files,
];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  let pass = 0,
    fail = 0,
    skipped = 0;
  try {
    const text = readFileSync(tap, 'utf8');
    pass = Number((/^# pass (\d+)/m.exec(text) || [])[1] || 0);
    fail =
      Number((/^# fail (\d+)/m.exec(text) || [])[1] || 0) + Number((/^# cancelled (\d+)/m.exec(text) || [])[1] || 0);
    skipped = Number((/^# skipped (\d+)/m.exec(text) || [])[1] || 0);
  } catch {
    /* the runner died before writing: the exit code tells */
  }
  console.log(`\ntests: ${pass} passed, ${fail} failed, ${skipped} skipped`);
  process.exit(signal ? 1 : code === 0 && fail === 0 && pass > 0 ? 0 : 1);
});
