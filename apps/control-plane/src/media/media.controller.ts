import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isSettled } from '#domain';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { AttachMediaAssetDto, CreateMediaAssetDto } from './media.dto';
import { MediaAssetsService } from './media-assets.service';
import { CreatedMediaAssetView, MediaAssetView, MediaPlaybackView } from './media-views';

@ApiTags('media')
@ApiBearerAuth()
@Roles('admin', 'organizer')
@Controller('api/media/assets')
export class MediaController {
  constructor(private readonly media: MediaAssetsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a media asset; the answer says where to upload its source (API stream or presigned PUT)',
  })
  @ApiCreatedResponse({ type: CreatedMediaAssetView })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateMediaAssetDto): Promise<CreatedMediaAssetView> {
    return this.media.create(user, dto.title, dto.eventId);
  }

  @Get()
  @ApiOperation({ summary: "Media assets: the organizer's own, or all of the account for an administrator" })
  @ApiOkResponse({ type: [MediaAssetView] })
  list(@CurrentUser() user: AuthUser): Promise<MediaAssetView[]> {
    return this.media.list(user);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One asset: state (uploading|queued|processing|ready|failed), progress, reason, renditions',
  })
  @ApiOkResponse({ type: MediaAssetView })
  get(@CurrentUser() user: AuthUser, @Param('id', new IdParam('media asset')) id: string): Promise<MediaAssetView> {
    return this.media.get(user, id);
  }

  @Put(':id/source')
  @HttpCode(202)
  @ApiConsumes('application/octet-stream')
  @ApiOperation({
    summary:
      'Upload the source file as the raw request body (Content-Length required, UPLOAD_MAX_BYTES at most); queues the transcode',
  })
  @ApiAcceptedResponse({ type: MediaAssetView })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('media asset')) id: string,
    @Req() req: Request,
  ): Promise<MediaAssetView> {
    return this.media.uploadSource(user, id, req, req.headers['content-length']);
  }

  @Post(':id/uploaded')
  @HttpCode(202)
  @ApiOperation({ summary: 'Confirm a presigned-URL upload; queues the transcode' })
  @ApiAcceptedResponse({ type: MediaAssetView })
  uploaded(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('media asset')) id: string,
  ): Promise<MediaAssetView> {
    return this.media.confirmUpload(user, id);
  }

  @Put(':id/event')
  @ApiOperation({
    summary: 'Attach the asset to an event of the account (its viewers then watch it on demand), or detach it (null)',
  })
  @ApiOkResponse({ type: MediaAssetView })
  attach(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('media asset')) id: string,
    @Body() dto: AttachMediaAssetDto,
  ): Promise<MediaAssetView> {
    return this.media.attach(user, id, dto.eventId);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the asset and every object it has in storage' })
  @ApiNoContentResponse({ description: 'deleted' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', new IdParam('media asset')) id: string) {
    await this.media.delete(user, id);
  }

  @Post(':id/playback')
  @ApiOperation({
    summary: 'A short-lived playback token for the key server, the master playlist URL and a player link',
  })
  @ApiCreatedResponse({ type: MediaPlaybackView })
  playback(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('media asset')) id: string,
  ): Promise<MediaPlaybackView> {
    return this.media.playback(user, id);
  }

  @Get(':id/progress')
  @ApiOperation({ summary: 'Push channel (Server-Sent Events): the asset view on every change, until ready or failed' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'Server-Sent Events `event: asset` whose data is a MediaAssetView as JSON; ends at ready or failed',
    schema: { type: 'string' },
  })
  async progress(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('media asset')) id: string,
    @Res() res: Response,
  ) {
    let stop = () => undefined as void;
    const send = (v: MediaAssetView) => {
      res.write(`event: asset\ndata: ${JSON.stringify(v)}\n\n`);
      if (isSettled(v.state)) {
        stop();
        res.end();
      }
    };
    const watch = await this.media.watch(user, id, send);
    stop = watch.stop;
    res.status(200).set({
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.on('close', () => stop());
    send(watch.current);
  }
}
