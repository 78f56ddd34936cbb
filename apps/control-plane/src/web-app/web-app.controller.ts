import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '#domain';
import { Public } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { WebAppOrigins, webAppCsp } from '../http/content-security-policy';
import { CONFIG } from '../infrastructure/di-tokens';
import { resolveWebAppPath } from './web-app-files';
import { pageWithNonce } from './web-app-page';

/** The built web app (console, and later the attendee and Stage pages) at `/`, with a history fallback. */
@ApiExcludeController()
@Public()
@Controller()
export class WebAppController {
  private readonly origins: WebAppOrigins;

  constructor(@Inject(CONFIG) config: ControlPlaneConfig) {
    this.origins = {
      admission: config.ADMISSION_PUBLIC_URLS,
      storage: [config.S3_PUBLIC_URL ?? config.S3_ENDPOINT, config.S3_ENDPOINT],
    };
  }

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
        res.set({ 'cache-control': answer.cacheControl, 'x-content-type-options': 'nosniff' });
        res.sendFile(answer.path, { cacheControl: false, dotfiles: 'deny' });
        return;
      case 'page': {
        const { html, nonce } = pageWithNonce(answer.path);
        res
          .status(200)
          .type('html')
          .set({
            'cache-control': answer.cacheControl,
            'referrer-policy': answer.referrerPolicy,
            'content-security-policy': webAppCsp(this.origins, nonce),
          })
          .send(html);
        return;
      }
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
