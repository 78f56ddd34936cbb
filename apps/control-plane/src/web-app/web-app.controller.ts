import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '#domain';
import { Public } from '../auth';
import { resolveWebAppPath } from './web-app-files';

/** The built web app (console, and later the attendee and Stage pages) at `/`, with a history fallback. */
@ApiExcludeController()
@Public()
@Controller()
export class WebAppController {
  // Registered after every other module's routes (WebAppModule is the last import of AppModule): only what no API
  // route, page or document answered reaches it.
  @Get('{*path}')
  serve(@Req() req: Request, @Res() res: Response) {
    const answer = resolveWebAppPath(decodedPath(req.path));
    switch (answer.kind) {
      case 'not-found':
        throw new DomainError('not_found', `Cannot ${req.method} ${req.path}`, 'path');
      case 'not-built':
        res
          .status(503)
          .type('text/plain')
          .set('cache-control', 'no-store')
          .send('The web console is not built yet: run `npm run build` (it writes dist/web).\n');
        return;
      case 'file':
      case 'page':
        res.set({
          'cache-control': answer.cacheControl,
          'x-content-type-options': 'nosniff',
          ...(answer.kind === 'page' ? { 'referrer-policy': answer.referrerPolicy } : {}),
        });
        res.sendFile(answer.path, { cacheControl: false, dotfiles: 'deny' });
        return;
    }
  }
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new DomainError('invalid', 'the path has a malformed percent-escape', 'path');
  }
}
