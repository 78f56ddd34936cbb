export * from './object-storage';
export * from './embedded-s3';
export * from './storage-settings';
export * from './embedded-s3-settings';
