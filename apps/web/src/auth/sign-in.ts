import { api, unwrap } from '../api/client';
import type { LoginResult, Me } from '../api/console-types';
import { sessionStore } from './session-store';

/** Signs in with the control plane and starts the session in memory; the account's name follows from /me. */
export async function signIn(email: string, password: string): Promise<void> {
  const started = Date.now();
  const result = await unwrap<LoginResult>(api.POST('/api/auth/login', { body: { email, password } }));
  sessionStore.signIn({
    accessToken: result.accessToken,
    expiresAt: started + result.expiresIn * 1000,
    user: {
      id: result.user.id,
      email: result.user.email,
      name: result.user.name,
      role: result.user.role,
      accountId: result.user.accountId,
      orderId: result.user.orderId,
    },
  });
  const me = await unwrap<Me>(api.GET('/api/auth/me'));
  sessionStore.update({ name: me.name, role: me.role, accountId: me.accountId, orderId: me.orderId });
}

/** Where to go after signing in: the page the user was sent away from, if it is one of ours. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return null;
  return next;
}
