import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#domain';
import { Public } from '../auth';
import { JoinInfoService } from './join-info.service';
import { JoinInfoView } from './join-info-view';

@ApiTags('registration')
@Controller('api/public/join')
export class JoinInfoController {
  constructor(private readonly joinInfo: JoinInfoService) {}

  @Public()
  @Get(':token')
  @ApiParam({ name: 'token', description: 'the join token of a registrant (the last part of the join link)' })
  @ApiOperation({
    summary:
      'What the attendee page needs behind a join link: the event (id, title, state, mode, schedule), the registrant, the admission URLs and the playback master URL(s)',
    description:
      '400 for a tampered or malformed token, 401 for an expired one or a token of another kind, 404 when the event or registration no longer exists.',
  })
  @ApiOkResponse({ type: JoinInfoView })
  get(@Param('token') token: string): Promise<JoinInfoView> {
    if (token.length > 4096) throw new DomainError('invalid', 'this join link is not valid: token too long', 'token');
    return this.joinInfo.forToken(token);
  }
}
