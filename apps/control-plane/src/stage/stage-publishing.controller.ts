import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthUser, CurrentUser, Public, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import {
  PublicStageChannelView,
  PublicStageVideoView,
  PublishStageVideoDto,
  StageChannelQuery,
  StageVideoDeletedView,
  StageVideoView,
  UpdateStageVideoDto,
} from './stage-publishing.dto';
import { StagePublishingService } from './stage-publishing.service';

@ApiTags('stage')
@ApiBearerAuth()
@Roles('admin', 'organizer')
@Controller('api/stage/videos')
export class StagePublishingController {
  constructor(private readonly stage: StagePublishingService) {}

  @Post()
  @ApiOperation({
    summary:
      'Publish a ready media asset of the account to its Stage channel (created on the first publish); 409 when the asset is not ready or is on Stage already',
  })
  @ApiCreatedResponse({ type: StageVideoView })
  publish(@CurrentUser() user: AuthUser, @Body() dto: PublishStageVideoDto): Promise<StageVideoView> {
    return this.stage.publish(user, dto);
  }

  @Get()
  @ApiOperation({ summary: "The account's Stage videos, whatever their status, newest first" })
  @ApiOkResponse({ type: [StageVideoView] })
  list(@CurrentUser() user: AuthUser): Promise<StageVideoView[]> {
    return this.stage.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One Stage video of the account' })
  @ApiOkResponse({ type: StageVideoView })
  get(@CurrentUser() user: AuthUser, @Param('id', new IdParam('Stage video')) id: string): Promise<StageVideoView> {
    return this.stage.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Edit a Stage video's title, description, tags, language or visibility" })
  @ApiOkResponse({ type: StageVideoView })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('Stage video')) id: string,
    @Body() dto: UpdateStageVideoDto,
  ): Promise<StageVideoView> {
    return this.stage.update(user, id, dto);
  }

  @Post(':id/unpublish')
  @ApiOperation({ summary: 'Take the video off Stage (it stays in the list, unpublished); 409 under moderation' })
  @ApiCreatedResponse({ type: StageVideoView })
  unpublish(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('Stage video')) id: string,
  ): Promise<StageVideoView> {
    return this.stage.setPublished(user, id, false);
  }

  @Post(':id/publish')
  @ApiOperation({ summary: 'Publish an unpublished video again; 409 under moderation' })
  @ApiCreatedResponse({ type: StageVideoView })
  republish(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('Stage video')) id: string,
  ): Promise<StageVideoView> {
    return this.stage.setPublished(user, id, true);
  }

  @Delete(':id')
  @ApiOperation({
    summary:
      'Delete the video, and its media asset with every object in storage unless a webcast plays the asset (the answer says which)',
  })
  @ApiOkResponse({ type: StageVideoDeletedView })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('Stage video')) id: string,
  ): Promise<StageVideoDeletedView> {
    return this.stage.delete(user, id);
  }
}

@ApiTags('stage')
@Public()
@Controller('api/stage')
export class StagePublicController {
  constructor(private readonly stage: StagePublishingService) {}

  @Get('channels/:id')
  @ApiOperation({
    summary:
      'A Stage channel and its public published videos, a page at a time; limited per client IP (429 with Retry-After)',
  })
  @ApiOkResponse({ type: PublicStageChannelView })
  channel(
    @Param('id', new IdParam('Stage channel')) id: string,
    @Query() query: StageChannelQuery,
    @Req() req: Request,
  ): Promise<PublicStageChannelView> {
    return this.stage.publicChannel(id, query, req.ip);
  }

  @Get('videos/:id/public')
  @ApiOperation({
    summary:
      'What anyone with its link reads of a published public or unlisted video; 404 for unpublished or account-only, 410 (reason "removed") once taken down; limited per client IP',
  })
  @ApiOkResponse({ type: PublicStageVideoView })
  video(@Param('id', new IdParam('Stage video')) id: string, @Req() req: Request): Promise<PublicStageVideoView> {
    return this.stage.publicVideo(id, req.ip);
  }
}
