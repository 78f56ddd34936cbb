import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';

export const AUTH_USER = 'authUser';

/** The signed-in caller (set by the auth guard); undefined on @Public() endpoints called anonymously. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  const req = ctx.switchToHttp().getRequest<Request & { [AUTH_USER]?: AuthUser }>();
  return req[AUTH_USER];
});
