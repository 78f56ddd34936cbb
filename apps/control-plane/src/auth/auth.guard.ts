import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '#domain';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { UsersRepository } from '../accounts/users.repository';
import { ApiKeyAuthenticator } from '../api-keys/api-key-authenticator';
import { verifyAccessToken } from '#tokens';
import { AUTH_USER } from './current-user.decorator';
import { IS_INTERNAL } from './internal.decorator';
import { IS_PUBLIC } from './public.decorator';
import { ROLES } from './roles.decorator';
import type { Role, SignedInUser } from './auth-user';

// Global guard: every endpoint needs a signed-in user unless marked @Public() or @Internal().
// The user row is read on every request so deactivation and reassignment take effect at once.
// The platform operator stands outside every customer account: it reaches only endpoints whose @Roles name it, and
// account users never reach those. So an account-scoped endpoint always sees a user with an account.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeyAuthenticator,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<Request & { [AUTH_USER]?: SignedInUser }>();
    const bearer = bearerOf(req);

    if (this.reflector.getAllAndOverride<boolean>(IS_INTERNAL, targets)) {
      if (bearer && safeEqual(bearer, this.config.INTERNAL_API_TOKEN)) return true;
      throw new DomainError('unauthenticated', 'this endpoint needs the internal API token', 'authorization');
    }

    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    if (!bearer) {
      if (isPublic) return true;
      throw new DomainError(
        'unauthenticated',
        'sign in first: send Authorization: Bearer <access token>',
        'authorization',
      );
    }
    const key = await this.apiKeys.authenticate(bearer, req.method, (req.route as { path?: string } | undefined)?.path);
    if (key.kind === 'refused') {
      if (isPublic) return true; // a key does not act for a person on public endpoints: the caller is anyone
      throw new DomainError('forbidden', key.message, 'authorization');
    }
    const user = key.kind === 'allowed' ? key.user : key.kind === 'unknown' ? null : await this.resolve(bearer);
    if (!user) {
      if (isPublic) return true;
      throw new DomainError(
        'unauthenticated',
        'the access token is invalid, expired or revoked; sign in again',
        'authorization',
      );
    }
    if (isPublic) {
      // public endpoints act for account users (an owner fetching a key); the operator calls them as anyone would
      if (user.role !== 'operator') req[AUTH_USER] = user;
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (user.role === 'operator' && !roles?.includes('operator')) {
      throw new DomainError(
        'forbidden',
        "the platform operator works outside customer accounts and has no access to an account's data",
        'role',
      );
    }
    if (roles && !roles.includes(user.role)) {
      throw new DomainError('forbidden', `this needs the ${roles.join(' or ')} role`, 'role');
    }
    req[AUTH_USER] = user;
    return true;
  }

  private async resolve(token: string): Promise<SignedInUser | null> {
    const claims = verifyAccessToken(token, this.config.JWT_SECRET);
    if (!claims) return null;
    const user = await this.users.findById(claims.userId);
    if (!user || !user.active || user.tokenVersion !== claims.tokenVersion) return null;
    if (user.role === 'operator') return { id: user.id, accountId: null, role: 'operator', orderId: null };
    if (user.accountId === null) return null; // an account role without an account: the schema forbids it
    return { id: user.id, accountId: user.accountId, role: user.role, orderId: user.orderId };
  }
}

function bearerOf(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
