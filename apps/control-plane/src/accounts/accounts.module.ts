import { Global, Module } from '@nestjs/common';
import { OrdersRepository } from '../orders/orders.repository';
import { AccountSetupService } from './account-setup.service';
import { AccountsRepository } from './accounts.repository';

@Global()
@Module({
  providers: [AccountsRepository, OrdersRepository, AccountSetupService],
  exports: [AccountsRepository, AccountSetupService],
})
export class AccountsModule {}
