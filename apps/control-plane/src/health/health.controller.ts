import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import type { Database } from '#database';
import { Public } from '../auth/public.decorator';
import { DATABASE, REDIS } from '../infrastructure/di-tokens';
import { settleWithin } from '../infrastructure/settle-within';
import { ControlPlaneMetrics } from '../observability/metrics';

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: ControlPlaneMetrics,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Database and Redis reachability: 200 when both answer, 503 otherwise' })
  async health(@Res() res: Response) {
    const [database, redis] = await Promise.all([
      settleWithin(this.db.ping(), false, CHECK_TIMEOUT_MS),
      settleWithin(
        this.redis.ping().then((r) => r === 'PONG'),
        false,
        CHECK_TIMEOUT_MS,
      ),
    ]);
    const ok = database && redis;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      checks: { database: database ? 'up' : 'down', redis: redis ? 'up' : 'down' },
    });
  }

  @Public()
  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  async prometheus(@Res() res: Response) {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
