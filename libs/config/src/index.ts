export * from './env-schema';
export * from './shared-settings';
export * from './config-doc';
