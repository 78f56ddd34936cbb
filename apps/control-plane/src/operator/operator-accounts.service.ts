import { Injectable } from '@nestjs/common';
import { AccountSetupService } from '../accounts/account-setup.service';
import type { OnboardCustomerDto } from '../accounts/onboarding.dto';
import { billingMonth } from '../usage/billing-month';
import { UsageService } from '../usage/usage.service';
import type { CreatedAccountView, OperatorAccountView } from './operator-account-view';
import { OperatorAccountsRepository } from './operator-accounts.repository';

// The platform operator's view of the customers: every account with its seats and this month's usage, and the
// onboarding of new ones (the same rules as the internal endpoint).
@Injectable()
export class OperatorAccountsService {
  constructor(
    private readonly accounts: OperatorAccountsRepository,
    private readonly usage: UsageService,
    private readonly setup: AccountSetupService,
  ) {}

  async list(now: Date = new Date()): Promise<OperatorAccountView[]> {
    const [accounts, admins, usage] = await Promise.all([
      this.accounts.listWithSeats(now),
      this.accounts.activeAdministrators(),
      this.usage.byAccount(billingMonth(undefined, now)),
    ]);
    return accounts.map((a) => ({
      id: a.id,
      name: a.name,
      createdAt: a.createdAt.toISOString(),
      administrators: admins.filter((u) => u.accountId === a.id).map(({ id, email, name }) => ({ id, email, name })),
      seatsTotal: a.seatsTotal,
      seatsUsed: a.seatsUsed,
      activeOrders: a.activeOrders,
      eventsThisMonth: usage.get(a.id)?.events ?? 0,
      overageFeeCentsThisMonth: usage.get(a.id)?.overageFeeCents ?? 0,
    }));
  }

  async create(dto: OnboardCustomerDto): Promise<CreatedAccountView> {
    const c = await this.setup.onboard(dto);
    return {
      account: { id: c.accountId, name: c.accountName },
      administrator: { id: c.adminId, email: c.adminEmail },
      order: { id: c.orderId },
    };
  }
}
