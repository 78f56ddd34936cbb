import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Internal } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { EndLiveDto, IngestHealthDto, PublishDto } from './live.dto';
import { LiveService } from './live.service';
import { EventStateView, LiveStartView, PublishableKeysView } from './live-views';

// What ingest calls (Bearer INTERNAL_API_TOKEN).
@ApiTags('internal')
@Controller('api/internal/live')
export class LiveInternalController {
  constructor(private readonly live: LiveService) {}

  @Internal()
  @Get('stream-keys')
  @ApiOperation({ summary: "Stream keys that may publish now or soon: ingest's local cache for its synchronous check" })
  @ApiOkResponse({ type: PublishableKeysView })
  async streamKeys(): Promise<PublishableKeysView> {
    return { keys: await this.live.publishableKeys() };
  }

  @Internal()
  @Post('publish')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm a publisher and take the event live (404 unknown key, 409 cancelled/ended/outside the window/organizer already live)',
  })
  @ApiOkResponse({ type: LiveStartView })
  publish(@Body() dto: PublishDto): Promise<LiveStartView> {
    return this.live.publish(dto.streamKey);
  }

  @Internal()
  @Post('events/:id/end')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The stream ended for good (presenter gone past the reconnect grace, the cap, a revoked key)',
  })
  @ApiOkResponse({ type: EventStateView })
  end(@Param('id', new IdParam('event')) id: string, @Body() dto: EndLiveDto): Promise<EventStateView> {
    return this.live.end(id, dto.reason);
  }

  @Internal()
  @Post('events/:id/health')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ingest health of a live stream: bitrate, frame rate, dropped frames' })
  @ApiNoContentResponse({ description: 'recorded' })
  async health(@Param('id', new IdParam('event')) id: string, @Body() dto: IngestHealthDto): Promise<void> {
    await this.live.reportHealth(id, { ...dto });
  }
}
