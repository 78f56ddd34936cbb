import type { ConfigOf, sharedSettings } from '#config';

export type Log = (msg: string, fields?: Record<string, unknown>) => void;

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** One JSON line per event on stdout (what the control plane's pino writes too), info level and above. */
export function jsonLog(level: ConfigOf<typeof sharedSettings>['LOG_LEVEL']): Log {
  if (level === 'silent' || LEVELS.indexOf(level) > LEVELS.indexOf('info')) return () => undefined;
  return (msg, fields = {}) =>
    process.stdout.write(
      `${JSON.stringify({ level: 'info', time: new Date().toISOString(), pid: process.pid, msg, ...fields })}\n`,
    );
}
