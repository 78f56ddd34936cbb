import pino, { DestinationStream, Level, LevelWithSilent, Logger, LoggerOptions as PinoOptions } from 'pino';
import pretty from 'pino-pretty';
import { currentRequestId } from './request-context';

export type { Logger } from 'pino';
export type LogLevel = LevelWithSilent;

export interface LoggerOptions {
  /** The process's name on every line (`control-plane`, `admission`, `ingest`, `transcoder`, `live-transcoder`). */
  service: string;
  /** LOG_LEVEL. */
  level: LogLevel;
  /** More fields on every line, e.g. an admission node's id. */
  base?: Record<string, unknown>;
  /** Human-readable lines instead of JSON; by default when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go (stdout by default); for tests. */
  destination?: DestinationStream;
}

/**
 * The one logger of every process: pino at LOG_LEVEL, one JSON line per entry for log collectors, readable lines when a
 * person watches the terminal. Lines written while a request is handled carry its requestId.
 */
export function createLogger(o: LoggerOptions): Logger {
  const options: PinoOptions = {
    level: o.level,
    base: { service: o.service, pid: process.pid, ...o.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  if (o.pretty ?? process.stdout.isTTY === true) {
    return pino(
      options,
      pretty({
        // synchronous, so the last lines before process.exit() are not lost
        sync: true,
        destination: o.destination ?? 1,
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'service,pid,hostname',
        messageFormat: '{service}: {msg}',
      }),
    );
  }
  const json: PinoOptions = { ...options, formatters: { level: (label) => ({ level: label }) } };
  // synchronous here too: a line written just before process.exit() is never lost, nor reordered against stderr
  return pino(json, o.destination ?? pino.destination({ dest: 1, sync: true }));
}

/**
 * A process's readiness line (`admission ready`, `transcoder ready`), written at any LOG_LEVEL: scripts, tests and
 * benchmarks wait for it even when they run the process quietly.
 */
export function logReady(logger: Logger, msg: string, fields: Record<string, unknown> = {}): void {
  const level: Level = 'info';
  logger.child({}, { level }).info(fields, msg);
}
