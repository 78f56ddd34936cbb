import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#domain';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { UsersRepository } from '../accounts/users.repository';
import { signAccessToken } from './access-token';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password-hasher';
import { LoginRateLimiter } from './login-rate-limiter';
import type { AuthUser } from './auth-user';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: AuthUser & { email: string; name: string };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly limiter: LoginRateLimiter,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async login(email: string, password: string, clientAddress: string): Promise<LoginResult> {
    await this.limiter.hit(clientAddress, email);
    const user = await this.users.findByEmail(email.trim());
    // Always run the KDF so the response time does not tell whether the email exists.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok || !user.active) {
      throw new DomainError('unauthenticated', 'email or password is wrong, or the account is deactivated', 'password');
    }
    await this.limiter.reset(clientAddress, email);
    return {
      accessToken: signAccessToken(
        { userId: user.id, tokenVersion: user.tokenVersion },
        this.config.JWT_SECRET,
        this.config.ACCESS_TOKEN_TTL,
      ),
      tokenType: 'Bearer',
      expiresIn: Math.floor(this.config.ACCESS_TOKEN_TTL / 1000),
      user: {
        id: user.id,
        accountId: user.accountId,
        role: user.role,
        orderId: user.orderId,
        email: user.email,
        name: user.name,
      },
    };
  }
}
