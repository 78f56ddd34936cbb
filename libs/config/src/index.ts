export * from './env-schema';
export * from './shared-settings';
