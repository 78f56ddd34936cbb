import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

export function createPinoLogger(level: string): Logger {
  return pino({ level, base: { service: 'control-plane' }, timestamp: pino.stdTimeFunctions.isoTime });
}

// Nest's own messages (bootstrap, errors) go out as the same JSON lines as request logs.
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string) {
    this.write('info', message, context);
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

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
    trace?: string,
  ): void {
    if (typeof message === 'object' && message !== null) {
      this.pino[level]({ context, ...message, ...(trace ? { trace } : {}) });
    } else this.pino[level]({ context, ...(trace ? { trace } : {}) }, String(message));
  }
}
