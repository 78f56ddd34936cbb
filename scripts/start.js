#!/usr/bin/env node
// `npm start`: install what is missing, build, make the secrets once (.data/secrets.json), start every process with
// embedded defaults, print the URLs.
// Plain CommonJS with no dependencies, because it runs before `npm install` has.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, lstatSync, mkdirSync, statSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { loadOrCreateSecrets } = require('./dev-secrets');

const root = path.resolve(__dirname, '..');
const dataDir = process.env.DATA_DIR || path.join(root, '.data');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`start: "${cmd} ${args.join(' ')}" failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
}

function needsInstall() {
  const modules = path.join(root, 'node_modules');
  // A linked node_modules is shared with other checkouts: `npm ci` would empty it under them.
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) return false;
  const marker = path.join(modules, '.package-lock.json');
  if (!existsSync(marker)) return true;
  return statSync(path.join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs;
}

/** n distinct ports the OS hands out on loopback (all held until the last one is known). */
async function freePorts(n) {
  const servers = [];
  for (let i = 0; i < n; i++) {
    const s = net.createServer();
    await new Promise((resolve, reject) => s.once('error', reject).listen(0, '127.0.0.1', resolve));
    servers.push(s);
  }
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function redisAnswers(url) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    s.setTimeout(1000);
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(String(d).startsWith('+PONG') || String(d).startsWith('-NOAUTH'));
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function ensureRedis(children) {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await redisAnswers(url)) return;
  const which = spawnSync('sh', ['-c', 'command -v redis-server']);
  if (which.status !== 0) {
    console.error(
      `start: no Redis answers at ${url} and redis-server is not installed; install it (apt-get install -y redis-server) or set REDIS_URL`,
    );
    process.exit(1);
  }
  const u = new URL(url);
  console.log(`start: no Redis at ${url}; starting a local redis-server`);
  children.push(
    startChild(
      'redis',
      'redis-server',
      [
        '--bind',
        u.hostname,
        '--port',
        String(u.port || 6379),
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'warning',
      ],
      {},
    ),
  );
  for (let i = 0; i < 50 && !(await redisAnswers(url)); i++) await new Promise((r) => setTimeout(r, 100));
}

function startChild(name, cmd, args, env) {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`start: ${name} exited (${signal || code}); stopping everything`);
      stopAll(1);
    }
  });
  child.processName = name;
  return child;
}

let stopping = false;
const children = [];
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  // Reverse order: the processes that depend on others stop first.
  for (const c of [...children].reverse()) if (c.exitCode === null) c.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    process.exit(code);
  }, 15000);
  deadline.unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() =>
    process.exit(code),
  );
}

async function main() {
  if (needsInstall()) run('npm', ['ci', '--no-audit', '--no-fund']);
  if (!process.env.SKIP_BUILD) run('npm', ['run', '--silent', 'build']);
  mkdirSync(dataDir, { recursive: true });
  const { secrets, file, created } = loadOrCreateSecrets(dataDir, process.env);
  if (created.length > 0) {
    console.log(`start: made ${created.join(', ')} into ${file} (mode 0600; kept for later starts)`);
  }
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  await ensureRedis(children);
  const { processTable, workerCount } = require('./process-table');
  // The workers' /health ports: any free ones, so the banner waits for the workers too and never collides.
  const workerPorts = await freePorts(workerCount(process.env));
  const table = processTable({ root, dataDir, env: process.env, workerPorts, secrets });
  for (const p of table) {
    children.push(startChild(p.name, process.execPath, [p.script], p.env));
    if (p.waitForUrl) await waitFor(p.waitForUrl, p.name);
    if (p.waitForPort) await waitForPort(p.waitForPort, p.name);
  }
  console.log(
    '\n' +
      table
        .filter((p) => p.banner)
        .map((p) => p.banner)
        .join('\n') +
      '\n\nCtrl-C stops every process. From here on only what needs a look is shown; LOG_LEVEL=debug shows everything.\n',
  );
}

async function waitFor(url, name) {
  for (let i = 0; i < 600; i++) {
    if (stopping) return;
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`start: ${name} did not answer at ${url} within 60 s`);
  stopAll(1);
}

// For a process that speaks no HTTP (the SMTP catcher): it is up once its port accepts a connection.
async function waitForPort(port, name) {
  for (let i = 0; i < 600; i++) {
    if (stopping) return;
    const open = await new Promise((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`start: ${name} did not listen on port ${port} within 60 s`);
  stopAll(1);
}

main().catch((e) => {
  console.error(`start: ${e.message}`);
  stopAll(1);
});
