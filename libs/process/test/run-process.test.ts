import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

// runProcess in a real child process: signals, exit codes and the lines a person reads.
const CHILD = join(__dirname, 'fixtures', 'run-process-child.js');

function startChild(env: Record<string, string>) {
  const child = spawn(process.execPath, [CHILD], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += String(d)));
  child.stderr.on('data', (d) => (out.stderr += String(d)));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  // true once it said it started, false when it exited first
  const started = new Promise<boolean>((resolve) => {
    child.stdout.on('data', () => out.stdout.includes('started\n') && resolve(true));
    void exited.then(() => resolve(false));
  });
  return { child, out, exited, started };
}

describe('runProcess', () => {
  it('stops on SIGTERM and exits 0, calling stop() once however many signals come', async () => {
    const p = startChild({});
    assert.ok(await p.started, p.out.stderr);
    p.child.kill('SIGTERM');
    p.child.kill('SIGINT');
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0, p.out.stderr);
    assert.equal(p.out.stdout.match(/stop called/g)?.length, 1);
    assert.equal(p.out.stderr, '');
  });

  it('lets a start that a signal interrupts finish, then stops what it opened', async () => {
    const p = startChild({ START: 'slow' });
    await new Promise<void>((resolve) =>
      p.child.stdout.on('data', () => p.out.stdout.includes('starting') && resolve()),
    );
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0, p.out.stderr);
    assert.equal(p.out.stdout, 'starting\nstarted\nstop called\n');
  });

  it('exits 1 with one line when stop() outlasts the deadline', async () => {
    const p = startChild({ STOP: 'hang', DEADLINE_MS: '300' });
    assert.ok(await p.started, p.out.stderr);
    p.child.kill('SIGINT');
    assert.equal(await p.exited, 1);
    assert.equal(p.out.stderr, 'fixture: still stopping after 0.3 s; exiting anyway\n');
  });

  it('exits 1 with one line when stop() fails', async () => {
    const p = startChild({ STOP: 'fail' });
    assert.ok(await p.started, p.out.stderr);
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 1);
    assert.equal(p.out.stderr, 'fixture: stop failed: the queue would not close\n');
  });

  it('reports a failed start with one line and exit 1, no stack trace', async () => {
    const p = startChild({ START: 'fail' });
    assert.equal(await p.exited, 1);
    assert.equal(p.out.stderr, 'fixture: failed to start: port 1234 is taken\n');
    assert.equal(p.out.stdout, '');
  });
});
