import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../accounts/users.repository';
import type { AuthUser } from '../auth/auth-user';
import { apiKeyScopeFor } from './api-key-routes';
import { apiKeyHash, looksLikeApiKey } from './api-key-format';
import { ApiKeysRepository } from './api-keys.repository';

export type ApiKeyOutcome =
  | { kind: 'not-a-key' }
  | { kind: 'unknown' }
  | { kind: 'refused'; message: string }
  | { kind: 'allowed'; user: AuthUser; keyId: string };

/**
 * An API key acts with the rights of the person it was made for (an organizer, or the administrator who made it),
 * narrowed to its scopes, and only while that person is active: deactivating them stops their keys too. Revoking
 * takes effect on the next request (nothing is cached).
 */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly users: UsersRepository,
  ) {}

  async authenticate(token: string, method: string, routePath: string | undefined): Promise<ApiKeyOutcome> {
    if (!looksLikeApiKey(token)) return { kind: 'not-a-key' };
    const key = await this.keys.findLive(apiKeyHash(token));
    if (!key) return { kind: 'unknown' };
    const user = await this.users.findById(key.actsAsUserId);
    if (!user || !user.active || user.accountId !== key.accountId || user.role === 'operator') {
      return { kind: 'unknown' };
    }
    const needed = apiKeyScopeFor(method, routePath);
    if (!needed) return { kind: 'refused', message: 'API keys cannot call this endpoint; sign in as a person' };
    if (!key.scopes.includes(needed)) {
      return { kind: 'refused', message: `this API key lacks the ${needed} scope this endpoint needs` };
    }
    await this.keys.touch(key.id);
    return {
      kind: 'allowed',
      keyId: key.id,
      user: { id: user.id, accountId: user.accountId, role: user.role, orderId: user.orderId },
    };
  }
}
