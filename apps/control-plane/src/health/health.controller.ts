import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import type { Database } from '#database';
import { HealthChecks, redisCheck, sendHealth, sendMetrics } from '#process';
import { Public } from '../auth/public.decorator';
import { DATABASE, REDIS } from '../infrastructure/di-tokens';
import { ControlPlaneMetrics } from '../observability/metrics';

class HealthChecksView {
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis!: 'up' | 'down';
}

/** The OpenAPI description of #process's HealthReport for the control plane's two checks. */
class HealthView {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({ type: HealthChecksView }) checks!: HealthChecksView;
}

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
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView })
  health(@Res() res: Response) {
    return sendHealth(res, this.checks);
  }

  @Public()
  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  prometheus(@Res() res: Response) {
    return sendMetrics(res, this.metrics.registry);
  }
}
