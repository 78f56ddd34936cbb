import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import type { Database } from '#database';
import { HealthChecks, redisCheck, sendHealth, sendMetrics } from '#process';
import { Public } from '../auth/public.decorator';
import { DATABASE, REDIS } from '../infrastructure/di-tokens';
import { ControlPlaneMetrics } from '../observability/metrics';

@ApiTags('operations')
@Controller()
export class HealthController {
  private readonly checks: HealthChecks;

  constructor(
    @Inject(DATABASE) db: Database,
    @Inject(REDIS) redis: Redis,
    private readonly metrics: ControlPlaneMetrics,
  ) {
    this.checks = { database: () => db.ping(), redis: redisCheck(redis) };
  }

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Database and Redis reachability: 200 when both answer, 503 naming the one that does not' })
  health(@Res() res: Response) {
    return sendHealth(res, this.checks);
  }

  @Public()
  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  prometheus(@Res() res: Response) {
    return sendMetrics(res, this.metrics.registry);
  }
}
