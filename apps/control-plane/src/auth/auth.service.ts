import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#domain';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { AccountsRepository } from '../accounts/accounts.repository';
import { UsersRepository } from '../accounts/users.repository';
import type { UserRecord } from '../accounts/user-record';
import { signAccessToken } from '#tokens';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password-hasher';
import { LoginRateLimiter } from './login-rate-limiter';
import type { SignedInUser } from './auth-user';
import type { LoginResultView, MeView, SessionUserView } from './auth-views';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: AccountsRepository,
    private readonly limiter: LoginRateLimiter,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async login(email: string, password: string, clientAddress: string): Promise<LoginResultView> {
    await this.limiter.hit(clientAddress, email);
    const user = await this.users.findByEmail(email.trim());
    // Always run the KDF so the response time does not tell whether the email exists.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok || !user.active) {
      await this.limiter.failed(clientAddress, email);
      throw new DomainError('unauthenticated', 'email or password is wrong, or the account is deactivated', 'password');
    }
    await this.limiter.succeeded(clientAddress, email);
    return {
      accessToken: signAccessToken(
        { userId: user.id, tokenVersion: user.tokenVersion },
        this.config.JWT_SECRET,
        this.config.ACCESS_TOKEN_TTL,
      ),
      tokenType: 'Bearer',
      expiresIn: Math.floor(this.config.ACCESS_TOKEN_TTL / 1000),
      user: sessionUser(user),
    };
  }

  /** The signed-in user with the name of their account (none for the operator). */
  async me(caller: SignedInUser): Promise<MeView> {
    const user = (await this.users.findById(caller.id))!;
    const account = user.accountId ? await this.accounts.findById(user.accountId) : null;
    return { ...sessionUser(user), accountName: account?.name ?? null };
  }
}

function sessionUser(u: UserRecord): SessionUserView {
  return { id: u.id, email: u.email, name: u.name, role: u.role, accountId: u.accountId, orderId: u.orderId };
}
