import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { ATTENDANCE_BUFFER_PERCENT, DomainError, OveragePolicy, assertNamedIdentity, normalizeEmail } from '#domain';
import { hashPassword } from '../auth/password-hasher';
import { DATABASE } from '../infrastructure/di-tokens';
import { OrdersRepository } from '../orders/orders.repository';
import { AccountsRepository } from './accounts.repository';
import { UsersRepository } from './users.repository';

export interface NewCustomer {
  accountName: string;
  admin: { email: string; name: string; password: string };
  order: {
    seats: number;
    attendeeLimit: number;
    overageRateCents: number;
    overagePolicy: OveragePolicy;
    overageCap: number | null;
    validFrom: Date;
    validUntil: Date;
  };
  organizers: { email: string; name: string; password: string }[];
}

export interface CreatedCustomer {
  accountId: string;
  orderId: string;
  adminId: string;
  organizerIds: string[];
}

// Onboards a customer organisation in one transaction: the account, its first order, its administrator and
// named organizers. Used by the demo seed and the internal onboarding endpoint.
@Injectable()
export class AccountSetupService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly accounts: AccountsRepository,
    private readonly orders: OrdersRepository,
    private readonly users: UsersRepository,
  ) {}

  async createCustomer(c: NewCustomer): Promise<CreatedCustomer> {
    for (const o of c.organizers) assertNamedIdentity(o.email);
    const hashes = await Promise.all([c.admin, ...c.organizers].map((u) => hashPassword(u.password)));
    return this.db.transaction(async (tx) => {
      for (const u of [c.admin, ...c.organizers]) {
        if (await this.users.findByEmail(u.email.trim(), tx)) {
          throw new DomainError(
            'conflict',
            `a user with email ${normalizeEmail(u.email)} already exists; each user is one identity`,
            'email',
          );
        }
      }
      const account = await this.accounts.insert(c.accountName, tx);
      const order = await this.orders.insert(
        { accountId: account.id, bufferPercent: ATTENDANCE_BUFFER_PERCENT, ...c.order },
        tx,
      );
      const admin = await this.users.insert(
        {
          accountId: account.id,
          orderId: null,
          email: normalizeEmail(c.admin.email),
          name: c.admin.name,
          role: 'admin',
          passwordHash: hashes[0],
        },
        tx,
      );
      const organizerIds: string[] = [];
      for (const [i, o] of c.organizers.entries()) {
        const u = await this.users.insert(
          {
            accountId: account.id,
            orderId: order.id,
            email: normalizeEmail(o.email),
            name: o.name,
            role: 'organizer',
            passwordHash: hashes[i + 1],
          },
          tx,
        );
        organizerIds.push(u.id);
      }
      return { accountId: account.id, orderId: order.id, adminId: admin.id, organizerIds };
    });
  }
}
