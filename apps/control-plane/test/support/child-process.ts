import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { eventually } from '#test-support';

/** A child process whose output the test can wait on and read. */
export class WatchedProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d) => (this.stdout += String(d)));
    child.stderr?.on('data', (d) => (this.stderr += String(d)));
    this.exited = once(child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
  }

  static start(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string, detached = false): WatchedProcess {
    return new WatchedProcess(spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached }));
  }

  /** Resolves when `pattern` shows in stdout; rejects when the process exits first or the deadline passes. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const match = await eventually(
      () => {
        const m = pattern.exec(this.stdout);
        if (m) return m;
        // a process that is gone prints nothing more: stop waiting
        return this.child.exitCode !== null || this.child.signalCode !== null;
      },
      { timeout: timeoutMs, interval: 100, message: () => `${pattern} in the output\n${this.tail()}` },
    );
    if (match === true) {
      throw new Error(
        `process exited (${this.child.exitCode ?? this.child.signalCode}) before ${pattern}:\n${this.tail()}`,
      );
    }
    return match;
  }

  /** The end of what the process printed, for a failure message. */
  tail(): string {
    return `${this.stdout.slice(-2000)}\n${this.stderr.slice(-2000)}`;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }
}
