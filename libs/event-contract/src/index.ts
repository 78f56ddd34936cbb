export * from './event-snapshot';
