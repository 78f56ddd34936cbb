import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { Public } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { publicBaseUrl } from '../http/public-base-url';
import { CONFIG } from '../infrastructure/di-tokens';
import { joinPage } from './join-page';
import { landingPage } from './landing-page';

// socket.io-client's browser build, served from node_modules like the player serves hls.js; read once.
let ioScript: Buffer | undefined;
function socketIoJs(): Buffer {
  return (ioScript ??= readFileSync(require.resolve('socket.io-client/dist/socket.io.min.js')));
}

const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

/** Web pages (not API): the landing page and the attendee page behind a join link. */
@ApiExcludeController()
@Public()
@Controller()
export class AttendeePagesController {
  constructor(@Inject(CONFIG) private readonly config: ControlPlaneConfig) {}

  @Get()
  landing(@Res() res: Response) {
    res.status(200).set(HTML).end(landingPage(publicBaseUrl(this.config)));
  }

  @Get('attendee/socket.io.js')
  socketIo(@Res() res: Response) {
    res.status(200).set({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' }).end(socketIoJs());
  }

  // The page is the same for every token (the script checks it through the API), so a bad link still gets a page
  // that says why; the token never leaves the page except to the API and the admission node.
  @Get('join/:token')
  join(@Param('token') token: string, @Res() res: Response) {
    res.status(200).set({ ...HTML, 'referrer-policy': 'no-referrer' }).end(joinPage(token.slice(0, 4096)));
  }
}
