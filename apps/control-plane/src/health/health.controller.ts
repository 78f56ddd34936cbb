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
import { HealthChecks, healthStatusCode, redisCheck, runHealthChecks, sendMetrics } from '#process';
import { Public } from '../auth/public.decorator';
import type { ControlPlaneConfig } from '../config';
import { CONFIG, DATABASE, REDIS } from '../infrastructure/di-tokens';
import { durabilityWarnings, readRedisDurability } from './redis-durability';
import { ControlPlaneMetrics } from '../observability/metrics';

class HealthChecksView {
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis!: 'up' | 'down';
}

/** The OpenAPI description of #process's HealthReport for the control plane's two checks. */
class HealthView {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({ type: HealthChecksView }) checks!: HealthChecksView;
  @ApiProperty({
    type: [String],
    required: false,
    description:
      'in production (NODE_ENV=production): Redis settings that put queued work and seats at risk; they do not make the status unavailable',
  })
  warnings?: string[];
}

@ApiTags('operations')
@Controller()
export class HealthController {
  private readonly checks: HealthChecks;

  constructor(
    @Inject(DATABASE) db: Database,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: ControlPlaneMetrics,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {
    this.checks = { database: () => db.ping(), redis: redisCheck(redis) };
  }

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Database and Redis reachability: 200 when both answer, 503 naming the one that does not' })
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView })
  async health(@Res() res: Response) {
    const report = await runHealthChecks(this.checks);
    const durability =
      this.config.NODE_ENV === 'production' && report.checks.redis === 'up'
        ? await readRedisDurability(this.redis)
        : null;
    const warnings = durability ? durabilityWarnings(durability) : [];
    res
      .status(healthStatusCode(report))
      .set('cache-control', 'no-store')
      .json(warnings.length > 0 ? { ...report, warnings } : report);
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
