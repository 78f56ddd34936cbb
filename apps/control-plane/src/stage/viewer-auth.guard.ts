import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UseGuards,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '#domain';
import { verifyAccessToken, verifyViewerToken } from '#tokens';
import { Public } from '../auth/public.decorator';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { ViewerAccountsRepository, ViewerRecord } from './viewer-accounts.repository';

const VIEWER = 'stageViewer';
type ViewerRequest = Request & { [VIEWER]?: ViewerRecord };

/**
 * Lets through a signed-in Stage viewer: a valid viewer token whose viewer still exists with the token's version (a
 * new password revokes older tokens). The row is read on every request, so a deleted viewer is out at once. An
 * organizer's access token is no viewer token, whatever its signature.
 */
@Injectable()
export class ViewerAuthGuard implements CanActivate {
  constructor(
    private readonly viewers: ViewerAccountsRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<ViewerRequest>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) {
      throw new DomainError(
        'unauthenticated',
        'sign in to Stage first: send Authorization: Bearer <viewer token> from POST /api/stage/sessions',
        'authorization',
      );
    }
    const claims = verifyViewerToken(bearer, this.config.JWT_SECRET);
    const viewer = claims ? await this.viewers.findById(claims.viewerId) : null;
    if (!claims || !viewer || viewer.tokenVersion !== claims.tokenVersion) {
      throw new DomainError(
        'unauthenticated',
        verifyAccessToken(bearer, this.config.JWT_SECRET)
          ? "this is an organizer's access token; Stage's viewer endpoints take a viewer token from POST /api/stage/sessions"
          : 'the viewer token is invalid, expired or revoked; sign in to Stage again',
        'authorization',
      );
    }
    req[VIEWER] = viewer;
    return true;
  }
}

/**
 * An endpoint for signed-in Stage viewers. The account users' guard stands aside (a viewer is no user of an account,
 * and their token opens no account endpoint); this one decides.
 */
export const ViewerSignedIn = () => applyDecorators(Public(), UseGuards(ViewerAuthGuard), ApiBearerAuth());

/** The signed-in viewer, as ViewerAuthGuard read them from the database for this request. */
export const CurrentViewer = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ViewerRecord => ctx.switchToHttp().getRequest<ViewerRequest>()[VIEWER]!,
);
