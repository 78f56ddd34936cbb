// Injection tokens for the infrastructure every feature module may use (provided globally by InfrastructureModule).
/** The `Database` (#database): PostgreSQL or embedded PGlite. */
export const DATABASE = Symbol('DATABASE');
/** An ioredis `Redis` client with `maxRetriesPerRequest: null` (BullMQ-compatible). Do not use it for SUBSCRIBE. */
export const REDIS = Symbol('REDIS');
/** The validated `ControlPlaneConfig`. */
export const CONFIG = Symbol('CONFIG');
