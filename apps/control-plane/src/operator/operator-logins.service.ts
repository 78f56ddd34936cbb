import { Injectable } from '@nestjs/common';
import { DomainError, normalizeEmail } from '#domain';
import { UsersRepository } from '../accounts/users.repository';
import type { UserRecord } from '../accounts/user-record';
import { hashPassword } from '../auth/password-hasher';

/** Platform operators are users with no account: created by the demo seed (and by tests), never through the API. */
@Injectable()
export class OperatorLoginsService {
  constructor(private readonly users: UsersRepository) {}

  async create(o: { email: string; name: string; password: string }): Promise<UserRecord> {
    const email = normalizeEmail(o.email);
    if (await this.users.findByEmail(email)) {
      throw new DomainError(
        'conflict',
        `a user with email ${email} already exists; each user is one identity`,
        'email',
      );
    }
    return this.users.insert({
      accountId: null,
      orderId: null,
      email,
      name: o.name,
      role: 'operator',
      passwordHash: await hashPassword(o.password),
    });
  }
}
