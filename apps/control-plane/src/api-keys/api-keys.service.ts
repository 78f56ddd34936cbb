import { Injectable } from '@nestjs/common';
import { DomainError, isApiKeyScope, type ApiKeyScope } from '#domain';
import { UsersRepository } from '../accounts/users.repository';
import type { AuthUser } from '../auth';
import { newApiKey } from './api-key-format';
import type { CreateApiKeyDto } from './api-key.dto';
import { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';

/** Scopes whose endpoints belong to one organizer's events: a key with them must act as an organizer. */
const ORGANIZER_SCOPES: readonly ApiKeyScope[] = ['write:events', 'read:reports', 'manage:media'];

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly users: UsersRepository,
  ) {}

  list(admin: AuthUser): Promise<ApiKeyRecord[]> {
    return this.keys.list(admin.accountId);
  }

  async create(admin: AuthUser, dto: CreateApiKeyDto): Promise<{ record: ApiKeyRecord; key: string }> {
    const scopes = [...new Set(dto.scopes.filter(isApiKeyScope))];
    let actsAs = admin.id;
    if (dto.actsAsOrganizerId) {
      const organizer = await this.users.findById(dto.actsAsOrganizerId);
      if (!organizer || organizer.accountId !== admin.accountId || organizer.role !== 'organizer') {
        throw new DomainError('not_found', 'no organizer with this id in your account', 'actsAsOrganizerId');
      }
      if (!organizer.active) {
        throw new DomainError('conflict', 'this organizer is deactivated; reactivate them first', 'actsAsOrganizerId');
      }
      actsAs = organizer.id;
    } else {
      const needsOrganizer = scopes.filter((s) => ORGANIZER_SCOPES.includes(s));
      if (needsOrganizer.length > 0) {
        throw new DomainError(
          'invalid',
          `${needsOrganizer.join(', ')} work on one organizer's events: choose the organizer the key acts as`,
          'actsAsOrganizerId',
        );
      }
    }
    const made = newApiKey();
    const record = await this.keys.insert({
      accountId: admin.accountId,
      name: dto.name,
      scopes,
      actsAsUserId: actsAs,
      createdBy: admin.id,
      prefix: made.prefix,
      hash: made.hash,
    });
    return { record, key: made.key };
  }

  async revoke(admin: AuthUser, id: string): Promise<ApiKeyRecord> {
    const k = await this.keys.revoke(admin.accountId, id);
    if (!k) throw new DomainError('not_found', `no API key with id ${id} in this account`, 'id');
    return k;
  }
}
