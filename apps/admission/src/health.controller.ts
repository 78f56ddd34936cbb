import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AdmissionMetrics } from './admission-metrics';
import { ADMISSION_CONFIG, ADMISSION_REDIS } from './di-tokens';
import type { AdmissionConfig } from './config';

@Controller()
export class HealthController {
  constructor(
    @Inject(ADMISSION_REDIS) private readonly redis: Redis,
    @Inject(ADMISSION_CONFIG) private readonly cfg: AdmissionConfig,
    private readonly metrics: AdmissionMetrics,
  ) {}

  @Get('health')
  async health(): Promise<{ status: 'ok' | 'degraded'; node: string; redis: boolean }> {
    const redis = await this.redis.ping().then(
      (p) => p === 'PONG',
      () => false,
    );
    return { status: redis ? 'ok' : 'degraded', node: this.cfg.NODE_ID, redis };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
