export * from './test-database';
export * from './free-port';
export * from './unique-prefix';
export * from './process-alive';
export * from './eventually';
export * from './ics-reader';
export * from './test-secrets';
export * from './redis-cluster';
