import { DynamicModule, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AdmissionMetrics } from './admission-metrics';
import type { AdmissionConfig } from './config';
import { ADMISSION_CONFIG, ADMISSION_REDIS } from './di-tokens';
import { HealthController } from './health.controller';

@Module({})
export class AdmissionModule {
  static forNode(cfg: AdmissionConfig, redis: Redis, metrics: AdmissionMetrics): DynamicModule {
    return {
      module: AdmissionModule,
      controllers: [HealthController],
      providers: [
        { provide: ADMISSION_CONFIG, useValue: cfg },
        { provide: ADMISSION_REDIS, useValue: redis },
        { provide: AdmissionMetrics, useValue: metrics },
      ],
    };
  }
}
