import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersRepository } from '../accounts/users.repository';
import { ApiKeyAuthenticator } from '../api-keys/api-key-authenticator';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    UsersRepository,
    AuthService,
    LoginRateLimiter,
    ApiKeysRepository,
    ApiKeyAuthenticator,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersRepository, AuthService, ApiKeysRepository],
})
export class AuthModule {}
