// The process kit: how every process of the platform logs, answers /health and /metrics, and starts and stops.
export * from './health-check';
export * from './health-http';
export * from './local-url';
export * from './logger';
export * from './metrics-registry';
export * from './nest-logger';
export * from './request-context';
export * from './request-log';
export * from './run-process';
export * from './settle-within';
export * from './redis-connection';
