export * from './live-job';
export * from './live-keys';
export * from './live-start';
