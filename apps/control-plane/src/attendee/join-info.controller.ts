import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#domain';
import { Public } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { RedisRateLimiter, tokenDigest } from '../http/redis-rate-limiter';
import { CONFIG } from '../infrastructure/di-tokens';
import { JoinInfoService } from './join-info.service';
import { JoinInfoView } from './join-info-view';

@ApiTags('registration')
@Controller('api/public/join')
export class JoinInfoController {
  constructor(
    private readonly joinInfo: JoinInfoService,
    private readonly limits: RedisRateLimiter,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  @Public()
  @Get(':token')
  @ApiParam({ name: 'token', description: 'the join token of a registrant (the last part of the join link)' })
  @ApiOperation({
    summary:
      'What the attendee page needs behind a join link: the event (id, title, state, mode, schedule), the registrant, the admission URLs and the playback master URL(s)',
    description:
      '400 for a tampered or malformed token, 401 for an expired one or a token of another kind, 404 when the event or registration no longer exists, 429 (with Retry-After) when one link is opened more than JOIN_INFO_RATE_LIMIT times a window.',
  })
  @ApiOkResponse({ type: JoinInfoView })
  async get(@Param('token') token: string): Promise<JoinInfoView> {
    if (token.length > 4096) throw new DomainError('invalid', 'this join link is not valid: token too long', 'token');
    // per link, not per address: a whole company may join from behind one NAT address
    await this.limits.enforce((wait) => `this join link was opened too often; try again in ${wait}`, {
      key: `join-info:${tokenDigest(token)}`,
      limit: this.config.JOIN_INFO_RATE_LIMIT,
      windowMs: this.config.JOIN_INFO_RATE_WINDOW,
    });
    return this.joinInfo.forToken(token);
  }
}
