import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { LiveService } from './live.service';
import { PresenterView } from './live-views';

// Presenter data. Rotating the stream key is the events API's POST /api/events/:id/stream-key.
@ApiTags('live')
@ApiBearerAuth()
@Controller('api/events')
export class LiveController {
  constructor(private readonly live: LiveService) {}

  @Get(':id/live')
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary: 'OBS settings (RTMP URL + stream key, owner only), live status, ingest health, live and replay playlists',
  })
  @ApiOkResponse({ type: PresenterView })
  status(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<PresenterView> {
    return this.live.presenterView(user, id);
  }
}
