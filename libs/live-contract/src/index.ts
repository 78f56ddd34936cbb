export * from './live-job';
export * from './live-keys';
