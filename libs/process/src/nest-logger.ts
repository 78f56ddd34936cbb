import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

// Nest's own start-up chatter (modules initialized, every route mapped): worth seeing only when debugging.
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'NestApplication',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
]);

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's messages and those of `new Logger(context)` in the app go out through the process's pino logger. */
export class NestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string) {
    this.write(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: Level, message: unknown, context?: string, trace?: string): void {
    if (typeof message === 'object' && message !== null) {
      this.pino[level]({ context, ...message, ...(trace ? { trace } : {}) });
    } else this.pino[level]({ context, ...(trace ? { trace } : {}) }, String(message));
  }
}
