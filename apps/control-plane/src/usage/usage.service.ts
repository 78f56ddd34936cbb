import { Inject, Injectable } from '@nestjs/common';
import { overageFeeCents, peakOverage } from '#domain';
import type { AuthUser } from '../auth/auth-user';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { BillingMonth, billingMonth } from './billing-month';
import { HeldEvent, UsageRepository } from './usage.repository';
import type { AccountUsageView, EventUsageView } from './usage-view';

/** Per account and month: the events held and the overage fee of each, by #domain's overage rule. */
@Injectable()
export class UsageService {
  constructor(
    private readonly usage: UsageRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async accountUsage(admin: AuthUser, month?: string): Promise<AccountUsageView> {
    const m = billingMonth(month);
    const events = (await this.usage.heldEvents(m.from, m.until, admin.accountId)).map(eventUsage);
    return {
      month: m.month,
      events,
      totalOverageFeeCents: events.reduce((sum, e) => sum + e.overageFeeCents, 0),
      currency: this.config.BILLING_CURRENCY,
    };
  }

  /** Every account's events and fees in a month, for the operator's overview. */
  async byAccount(m: BillingMonth = billingMonth()): Promise<Map<string, { events: number; overageFeeCents: number }>> {
    const out = new Map<string, { events: number; overageFeeCents: number }>();
    for (const e of await this.usage.heldEvents(m.from, m.until, null)) {
      const a = out.get(e.accountId) ?? { events: 0, overageFeeCents: 0 };
      a.events += 1;
      a.overageFeeCents += eventUsage(e).overageFeeCents;
      out.set(e.accountId, a);
    }
    return out;
  }
}

function eventUsage(e: HeldEvent): EventUsageView {
  return {
    id: e.id,
    title: e.title,
    organizerName: e.organizerName,
    startsAt: e.startsAt.toISOString(),
    state: e.state,
    peakConcurrent: e.peakConcurrent,
    peakOverage: peakOverage(e.peakConcurrent, e.attendeeLimit, e.bufferPercent),
    overageFeeCents: overageFeeCents(e.peakConcurrent, e.attendeeLimit, e.bufferPercent, e.overageRateCents),
  };
}
