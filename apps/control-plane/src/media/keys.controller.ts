import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, Internal, Public } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { KeyServerService } from './key-server.service';

function sendKey(res: Response, key: Buffer): void {
  res.status(200).set({ 'content-type': 'application/octet-stream', 'cache-control': 'no-store, private' }).end(key);
}

@ApiTags('keys')
@Controller('api')
export class KeysController {
  constructor(private readonly keys: KeyServerService) {}

  @Public()
  @Get('keys/:assetId')
  @ApiOperation({
    summary:
      "Key server: an asset's 16-byte AES-128 key for its owner's access token or a playback token (Authorization header, ?token= or cookie playback_token)",
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the 16-byte AES-128 key', schema: { type: 'string', format: 'binary' } })
  async key(
    @CurrentUser() user: AuthUser | undefined,
    @Param('assetId', new IdParam('media asset', 'assetId')) assetId: string,
    @Query('token') queryToken: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // a cookie serves players that cannot set headers on key requests (native HLS, ffmpeg's -cookies)
    const cookie = /(?:^|;\s*)playback_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const token =
      header ??
      (typeof queryToken === 'string' ? queryToken : undefined) ??
      (cookie ? decodeURIComponent(cookie) : undefined);
    sendKey(res, await this.keys.key(assetId, user, token));
  }

  @Internal()
  @Get('internal/media/assets/:assetId/key')
  @ApiOperation({ summary: 'Internal (transcoders): the key to encrypt an asset with' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the 16-byte AES-128 key', schema: { type: 'string', format: 'binary' } })
  async transcoderKey(@Param('assetId', new IdParam('media asset', 'assetId')) assetId: string, @Res() res: Response) {
    sendKey(res, await this.keys.keyForTranscoder(assetId));
  }
}
