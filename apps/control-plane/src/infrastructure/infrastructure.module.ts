import { DynamicModule, Global, Module } from '@nestjs/common';
import { RedisRateLimiter } from '../http/redis-rate-limiter';
import type { Redis } from 'ioredis';
import type { Database } from '#database';
import type { ControlPlaneConfig } from '../config';
import { ControlPlaneMetrics } from '../observability/metrics';
import { CONFIG, DATABASE, REDIS } from './di-tokens';

// The database, Redis client and config are opened by createControlPlane (so it can migrate first and close them
// last) and handed to Nest as values.
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(deps: {
    db: Database;
    redis: Redis;
    config: ControlPlaneConfig;
    metrics: ControlPlaneMetrics;
  }): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: DATABASE, useValue: deps.db },
        { provide: REDIS, useValue: deps.redis },
        { provide: CONFIG, useValue: deps.config },
        { provide: ControlPlaneMetrics, useValue: deps.metrics },
        RedisRateLimiter,
      ],
      exports: [DATABASE, REDIS, CONFIG, ControlPlaneMetrics, RedisRateLimiter],
    };
  }
}
