import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { IdParam } from '../http/id-param.pipe';
import { Public } from '../auth';
import { playerPage } from './player-page';

// hls.js is served from node_modules (no bundler until the web app exists); read once.
let hlsScript: Buffer | undefined;
function hlsJs(): Buffer {
  return (hlsScript ??= readFileSync(require.resolve('hls.js/dist/hls.min.js')));
}

@ApiExcludeController()
@Public()
@Controller('player')
export class PlayerController {
  @Get('hls.js')
  script(@Res() res: Response) {
    res
      .status(200)
      .set({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' })
      .end(hlsJs());
  }

  @Get(':assetId')
  page(@Param('assetId', new IdParam('media asset')) assetId: string, @Res() res: Response) {
    res
      .status(200)
      .set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(playerPage(assetId));
  }
}
