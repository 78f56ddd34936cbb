import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { redisCheck, sendHealth, sendMetrics } from '#process';
import { AdmissionMetrics } from './admission-metrics';
import { ADMISSION_REDIS } from './di-tokens';

/** 503 naming redis when the node cannot reach the seat ledger: it could decide nothing. */
@Controller()
export class HealthController {
  constructor(
    @Inject(ADMISSION_REDIS) private readonly redis: Redis,
    private readonly metrics: AdmissionMetrics,
  ) {}

  @Get('health')
  health(@Res() res: Response) {
    return sendHealth(res, { redis: redisCheck(this.redis) });
  }

  @Get('metrics')
  metricsText(@Res() res: Response) {
    return sendMetrics(res, this.metrics.registry);
  }
}
