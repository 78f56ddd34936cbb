import { Global, Module } from '@nestjs/common';
import { OrdersRepository } from '../orders/orders.repository';
import { AccountSetupService } from './account-setup.service';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';

@Global()
@Module({
  controllers: [AccountsController],
  providers: [AccountsRepository, OrdersRepository, AccountSetupService],
  exports: [AccountsRepository, OrdersRepository, AccountSetupService],
})
export class AccountsModule {}
