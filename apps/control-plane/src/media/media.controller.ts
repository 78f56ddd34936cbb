import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isSettled } from '#domain';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import type { MediaAssetView } from './media-asset-view';
import { CreateMediaAssetDto } from './media.dto';
import { MediaAssetsService } from './media-assets.service';

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
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateMediaAssetDto) {
    return this.media.create(user, dto.title, dto.eventId);
  }

  @Get()
  @ApiOperation({ summary: "Media assets: the organizer's own, or all of the account for an administrator" })
  list(@CurrentUser() user: AuthUser) {
    return this.media.list(user);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One asset: state (uploading|queued|processing|ready|failed), progress, reason, renditions',
  })
  get(@CurrentUser() user: AuthUser, @Param('id', new IdParam('media asset')) id: string) {
    return this.media.get(user, id);
  }

  @Put(':id/source')
  @HttpCode(202)
  @ApiConsumes('application/octet-stream')
  @ApiOperation({
    summary:
      'Upload the source file as the raw request body (Content-Length required, UPLOAD_MAX_BYTES at most); queues the transcode',
  })
  upload(@CurrentUser() user: AuthUser, @Param('id', new IdParam('media asset')) id: string, @Req() req: Request) {
    return this.media.uploadSource(user, id, req, req.headers['content-length']);
  }

  @Post(':id/uploaded')
  @HttpCode(202)
  @ApiOperation({ summary: 'Confirm a presigned-URL upload; queues the transcode' })
  uploaded(@CurrentUser() user: AuthUser, @Param('id', new IdParam('media asset')) id: string) {
    return this.media.confirmUpload(user, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the asset and every object it has in storage' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', new IdParam('media asset')) id: string) {
    await this.media.delete(user, id);
  }

  @Post(':id/playback')
  @ApiOperation({
    summary: 'A short-lived playback token for the key server, the master playlist URL and a player link',
  })
  playback(@CurrentUser() user: AuthUser, @Param('id', new IdParam('media asset')) id: string) {
    return this.media.playback(user, id);
  }

  @Get(':id/progress')
  @ApiOperation({ summary: 'Push channel (Server-Sent Events): the asset view on every change, until ready or failed' })
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
