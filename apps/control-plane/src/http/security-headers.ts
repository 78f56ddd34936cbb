import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { API_CSP, DOCS_CSP } from './content-security-policy';

/**
 * helmet's headers on every answer (nosniff, frame denial, HSTS, no referrer leaks across origins, COOP/CORP), with a
 * Content-Security-Policy chosen by path: /docs gets the one Swagger UI needs, everything else the API's, which the
 * web app's page replaces with its own (web-app.controller) since it needs a nonce per answer.
 */
export function securityHeaders(): (req: Request, res: Response, next: NextFunction) => void {
  const common = helmet({ contentSecurityPolicy: false, referrerPolicy: { policy: 'same-origin' } });
  return (req, res, next) => {
    res.setHeader(
      'content-security-policy',
      req.path === '/docs' || req.path.startsWith('/docs/') ? DOCS_CSP : API_CSP,
    );
    common(req, res, next);
  };
}
