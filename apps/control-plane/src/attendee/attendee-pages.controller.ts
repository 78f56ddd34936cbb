import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { Public } from '../auth';
import { joinPage } from './join-page';

// The browser builds of socket.io-client (the one its package exports) and hls.js, served from node_modules like the player serves hls.js (the
// page has its own copies under /attendee so a web origin in front of the control plane may route /player elsewhere).
const VENDOR_SCRIPTS: Record<string, string> = {
  'socket.io.js': 'socket.io-client/dist/socket.io.js',
  'hls.js': 'hls.js/dist/hls.min.js',
};
const loaded = new Map<string, Buffer>();
function vendorScript(name: string): Buffer {
  let b = loaded.get(name);
  if (!b) loaded.set(name, (b = readFileSync(require.resolve(VENDOR_SCRIPTS[name]))));
  return b;
}

const SCRIPT = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' };
const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

/** Web pages (not API): the attendee page behind a join link (the web app serves `/`). */
@ApiExcludeController()
@Public()
@Controller()
export class AttendeePagesController {
  @Get('attendee/socket.io.js')
  socketIo(@Res() res: Response) {
    res.status(200).set(SCRIPT).end(vendorScript('socket.io.js'));
  }

  @Get('attendee/hls.js')
  hls(@Res() res: Response) {
    res.status(200).set(SCRIPT).end(vendorScript('hls.js'));
  }

  // The page is the same for every token (the script checks it through the API), so a bad link still gets a page
  // that says why; the token never leaves the page except to the API and the admission node.
  @Get('join/:token')
  join(@Param('token') token: string, @Res() res: Response) {
    res
      .status(200)
      .set({ ...HTML, 'referrer-policy': 'no-referrer' })
      .end(joinPage(token.slice(0, 4096)));
  }
}
