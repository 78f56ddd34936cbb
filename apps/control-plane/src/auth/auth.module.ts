import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersRepository } from '../accounts/users.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';

@Global()
@Module({
  controllers: [AuthController],
  providers: [UsersRepository, AuthService, LoginRateLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersRepository, AuthService],
})
export class AuthModule {}
