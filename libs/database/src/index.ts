export * from './database';
export * from './postgres-database';
export * from './pglite-database';
export * from './migrations';
export * from './open-database';
