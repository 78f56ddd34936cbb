import { Module } from '@nestjs/common';
import { ViewerAccountsController } from './viewer-accounts.controller';
import { ViewerAccountsRepository } from './viewer-accounts.repository';
import { ViewerAccountsService } from './viewer-accounts.service';
import { ViewerAuthGuard } from './viewer-auth.guard';
import { ViewerLoginRateLimiter } from './viewer-login-rate-limiter';
import { ViewerMailTokensRepository } from './viewer-mail-tokens.repository';

// Stage viewer accounts (DESIGN.md section 9). The mail queue comes from the global MailModule.
@Module({
  controllers: [ViewerAccountsController],
  providers: [
    ViewerAccountsRepository,
    ViewerMailTokensRepository,
    ViewerAccountsService,
    ViewerAuthGuard,
    ViewerLoginRateLimiter,
  ],
  exports: [ViewerAccountsRepository, ViewerAuthGuard],
})
export class ViewerAccountsModule {}
