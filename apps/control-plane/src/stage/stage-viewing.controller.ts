import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { IdParam } from '../http/id-param.pipe';
import type { ViewerRecord } from './viewer-accounts.repository';
import { CurrentViewer, ViewerSignedIn } from './viewer-auth.guard';
import { StageHistoryQuery, StageSearchQuery, WatchProgressDto } from './stage-viewing.dto';
import { StageViewingService } from './stage-viewing.service';
import {
  ContinueWatchingView,
  StageHistoryClearedView,
  StageHistoryExportView,
  StageHistoryPageView,
  StagePlaybackView,
  StageResumeView,
  StageSearchPageView,
  WatchProgressView,
} from './stage-viewing-views';

const videoId = (field = 'id') => new IdParam('Stage video', field);

@ApiTags('stage viewing')
@Controller('api/stage')
export class StageViewingController {
  constructor(private readonly viewing: StageViewingService) {}

  @Public()
  @Get('search')
  @ApiOperation({
    summary:
      'Search the public catalogue (published public videos; never unlisted ones), 20 a page. Limited per client address (429 with Retry-After)',
  })
  @ApiOkResponse({ type: StageSearchPageView })
  search(@Query() query: StageSearchQuery, @Req() req: Request): Promise<StageSearchPageView> {
    return this.viewing.searchVideos(query, req.ip);
  }

  @ViewerSignedIn()
  @Post('videos/:id/playback')
  @ApiOperation({
    summary:
      "A Stage playback token for the video's keys and its playlist URL: public and unlisted videos for any signed-in viewer; 403 for an organization's own videos, 404 unpublished, 410 taken down",
  })
  @ApiCreatedResponse({ type: StagePlaybackView })
  playback(@CurrentViewer() viewer: ViewerRecord, @Param('id', videoId()) id: string): Promise<StagePlaybackView> {
    return this.viewing.playback(viewer, id);
  }

  @ViewerSignedIn()
  @Post('videos/:id/progress')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Report where the viewer is in the video (resume point, watched, views). Nothing is kept while the history is paused; one report per video every 2 s (429 with Retry-After)',
  })
  @ApiOkResponse({ type: WatchProgressView })
  progress(
    @CurrentViewer() viewer: ViewerRecord,
    @Param('id', videoId()) id: string,
    @Body() dto: WatchProgressDto,
  ): Promise<WatchProgressView> {
    return this.viewing.recordProgress(viewer, id, dto);
  }

  @ViewerSignedIn()
  @Get('videos/:id/resume')
  @ApiOperation({
    summary: 'Where this viewer should start the video, from any of their devices (null: the beginning)',
  })
  @ApiOkResponse({ type: StageResumeView })
  resume(@CurrentViewer() viewer: ViewerRecord, @Param('id', videoId()) id: string): Promise<StageResumeView> {
    return this.viewing.resume(viewer, id);
  }

  @ViewerSignedIn()
  @Get('me/continue-watching')
  @ApiOperation({ summary: 'Videos the viewer started and did not finish, still published, most recent first (20)' })
  @ApiOkResponse({ type: ContinueWatchingView })
  continueWatching(@CurrentViewer() viewer: ViewerRecord): Promise<ContinueWatchingView> {
    return this.viewing.continueWatching(viewer);
  }

  @ViewerSignedIn()
  @Get('me/history')
  @ApiOperation({ summary: "The viewer's history, watched or not, most recent first" })
  @ApiOkResponse({ type: StageHistoryPageView })
  history(@CurrentViewer() viewer: ViewerRecord, @Query() query: StageHistoryQuery): Promise<StageHistoryPageView> {
    return this.viewing.history(viewer, query);
  }

  @ViewerSignedIn()
  @Get('me/history/export')
  @Header('Content-Disposition', 'attachment; filename="stage-history.json"')
  @ApiOperation({ summary: "Every line of the viewer's history as a JSON file to download" })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: StageHistoryExportView })
  export(@CurrentViewer() viewer: ViewerRecord): Promise<StageHistoryExportView> {
    return this.viewing.export(viewer);
  }

  @ViewerSignedIn()
  @Delete('me/history/:videoId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Forget one video of the history; its counted views stay, naming nobody' })
  @ApiNoContentResponse()
  remove(@CurrentViewer() viewer: ViewerRecord, @Param('videoId', videoId('videoId')) id: string): Promise<void> {
    return this.viewing.remove(viewer, id);
  }

  @ViewerSignedIn()
  @Delete('me/history')
  @ApiOperation({ summary: 'Forget the whole history; counted views stay, naming nobody' })
  @ApiOkResponse({ type: StageHistoryClearedView })
  clear(@CurrentViewer() viewer: ViewerRecord): Promise<StageHistoryClearedView> {
    return this.viewing.clear(viewer);
  }
}
