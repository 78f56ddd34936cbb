export * from './env-schema';
export * from './shared-settings';
export * from './secret-settings';
export * from './config-doc';
