import { Module } from '@nestjs/common';
import { UsageModule } from '../usage/usage.module';
import { OperatorAccountsController } from './operator-accounts.controller';
import { OperatorAccountsRepository } from './operator-accounts.repository';
import { OperatorAccountsService } from './operator-accounts.service';
import { OperatorLoginsService } from './operator-logins.service';

@Module({
  imports: [UsageModule],
  controllers: [OperatorAccountsController],
  providers: [OperatorAccountsRepository, OperatorAccountsService, OperatorLoginsService],
  exports: [OperatorLoginsService],
})
export class OperatorModule {}
