export * from './object-storage';
export * from './embedded-s3';
export * from './storage-settings';
