import type { Logger } from 'pino';

export interface ProcessSpec<T> {
  /** How the process's own lines name it, e.g. `admission`. */
  name: string;
  /** Opens connections and listeners; what it returns is handed to stop(). */
  start(): Promise<T>;
  /** Closes what start() opened: finishes or hands back running work. */
  stop(started: T): Promise<unknown>;
  /** How long stop() may take before the process exits anyway (default 10 s). */
  deadlineMs?: number;
  /** Says when the process stops; lines about a failure go to stderr either way. */
  logger?: Logger;
}

export const DEFAULT_STOP_DEADLINE_MS = 10_000;

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Writes the process's last words and ends it. */
function exitWith(code: number, line?: string): never {
  if (line) process.stderr.write(`${line}\n`);
  process.exit(code);
}

/**
 * Every process's life: start; a start that fails ends the process with one line and exit 1; the first SIGTERM or
 * SIGINT stops it (a later one changes nothing) and exits 0, or 1 with one line when stop() fails or outlasts the
 * deadline (a part waiting on an unreachable Redis or database must not keep the process up for ever).
 */
export function runProcess<T>(spec: ProcessSpec<T>): void {
  const deadlineMs = spec.deadlineMs ?? DEFAULT_STOP_DEADLINE_MS;
  // start() runs after this call has set the signal handlers: a signal during start() must not kill the process
  // half-open; it stops what start() opens once it has.
  const started = Promise.resolve().then(() => spec.start());
  started.catch((e) => exitWith(1, `${spec.name}: failed to start: ${messageOf(e)}`));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    spec.logger?.info({ signal }, `${spec.name} stopping`);
    setTimeout(
      () => exitWith(1, `${spec.name}: still stopping after ${deadlineMs / 1000} s; exiting anyway`),
      deadlineMs,
    ).unref();
    started
      .then((s) => spec.stop(s))
      .then(
        () => exitWith(0),
        (e) => exitWith(1, `${spec.name}: stop failed: ${messageOf(e)}`),
      );
  };
  for (const signal of SIGNALS) process.on(signal, stop);
}
