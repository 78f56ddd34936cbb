import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { SignedInUser } from './auth-user';

export const AUTH_USER = 'authUser';

/**
 * The signed-in caller (set by the auth guard); undefined on @Public() endpoints called anonymously. An AuthUser (with
 * an account) everywhere but on endpoints whose @Roles name 'operator'.
 */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInUser | undefined => {
  const req = ctx.switchToHttp().getRequest<Request & { [AUTH_USER]?: SignedInUser }>();
  return req[AUTH_USER];
});
