import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  /** How long the check may keep failing, in ms (default 5000). */
  timeout?: number;
  /** Pause between two attempts, in ms (default 50). */
  interval?: number;
  /**
   * What was awaited, for the failure: its first line heads the error, further lines follow it (e.g. a process's
   * output). A function is called only on failure.
   */
  message?: string | (() => string);
}

/**
 * Runs `check` until it passes and returns what it returned. A check fails by throwing (an assertion) or by
 * returning `false`; a typed check may not return null or undefined as a value (the compiler refuses it), so "no
 * answer yet" is said out loud; an assertion-style check returns nothing and passes when it stops throwing.
 * Attempts never overlap; one that hangs past the deadline counts as a failure.
 */
export async function eventually<T extends NonNullable<unknown> | void>(
  check: () => T | Promise<T>,
  options: EventuallyOptions = {},
): Promise<Exclude<T, false>> {
  const timeout = options.timeout ?? 5000;
  const interval = options.interval ?? 50;
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    const outcome = await attemptWithin(check, Math.max(remaining, 0));
    // null only gets here from an untyped (any) check: it means "no answer yet" as surely as false does
    if (outcome.ok && (outcome.value as unknown) !== false && (outcome.value as unknown) !== null) {
      return outcome.value as Exclude<T, false>;
    }
    last = outcome.ok ? outcome.value : outcome.error;
    if (Date.now() >= deadline) throw new Error(failure(options.message, timeout, attempt, last));
    await sleep(Math.min(interval, Math.max(deadline - Date.now(), 0)));
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function attemptWithin<T>(check: () => T | Promise<T>, ms: number): Promise<Outcome<T>> {
  const run = (async (): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await check() };
    } catch (error) {
      return { ok: false, error };
    }
  })();
  const timer = new AbortController();
  const hung = sleep(ms, undefined, { signal: timer.signal }).then(
    (): Outcome<T> => ({ ok: false, error: new Error(`the check was still running at the deadline`) }),
    // aborted because the check settled first: this branch is never the one raced to
    (): Outcome<T> => ({ ok: false, error: undefined }),
  );
  try {
    return await Promise.race([run, hung]);
  } finally {
    timer.abort();
  }
}

function failure(message: EventuallyOptions['message'], timeout: number, attempts: number, last: unknown): string {
  const text = typeof message === 'function' ? message() : (message ?? 'condition');
  // the first line names what was awaited; further lines (a process's output, say) follow the reason
  const [what, ...details] = text.split('\n');
  const why = last instanceof Error ? last.message : `the check returned ${String(last)}`;
  const head = `${what}: not within ${timeout} ms (${attempts} attempt${attempts === 1 ? '' : 's'}; ${why})`;
  return [head, ...details].join('\n');
}
