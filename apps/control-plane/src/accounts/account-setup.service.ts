import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { ATTENDANCE_BUFFER_PERCENT, DomainError, OveragePolicy, assertNamedIdentity, normalizeEmail } from '#domain';
import { hashPassword } from '../auth/password-hasher';
import { DATABASE } from '../infrastructure/di-tokens';
import { orderTerms } from '../orders/order-terms';
import { OrdersRepository } from '../orders/orders.repository';
import type { OnboardCustomerDto } from './onboarding.dto';
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
  accountName: string;
  orderId: string;
  adminId: string;
  adminEmail: string;
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

  /** A customer from the onboarding form (operator console or internal API), with the rules that span its parts. */
  async onboard(dto: OnboardCustomerDto): Promise<CreatedCustomer> {
    const order = orderTermsOf(dto);
    // Every organizer takes a seat: the first order must have enough.
    if (dto.organizers.length > order.seats) {
      throw new DomainError(
        'conflict',
        `the order has ${order.seats} seat(s) and ${dto.organizers.length} organizers were given: each organizer takes a seat`,
        'organizers',
      );
    }
    const emails = new Set(dto.organizers.map((o) => normalizeEmail(o.email)).concat(normalizeEmail(dto.admin.email)));
    if (emails.size !== dto.organizers.length + 1) {
      throw new DomainError('conflict', 'the same email appears twice; each user is one identity', 'organizers');
    }
    return this.createCustomer({ accountName: dto.accountName, admin: dto.admin, order, organizers: dto.organizers });
  }

  async createCustomer(c: NewCustomer): Promise<CreatedCustomer> {
    c.organizers.forEach((o, i) => assertNamedIdentity(o.email, `organizers.${i}.email`));
    const hashes = await Promise.all([c.admin, ...c.organizers].map((u) => hashPassword(u.password)));
    return this.db.transaction(async (tx) => {
      for (const [i, u] of [c.admin, ...c.organizers].entries()) {
        if (await this.users.findByEmail(u.email.trim(), tx)) {
          throw new DomainError(
            'conflict',
            `a user with email ${normalizeEmail(u.email)} already exists; each user is one identity`,
            i === 0 ? 'admin.email' : `organizers.${i - 1}.email`,
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
      return {
        accountId: account.id,
        accountName: account.name,
        orderId: order.id,
        adminId: admin.id,
        adminEmail: admin.email,
        organizerIds,
      };
    });
  }
}

/** The order's terms, with a rule it breaks named by its path in the onboarding body (order.validUntil). */
function orderTermsOf(dto: OnboardCustomerDto): ReturnType<typeof orderTerms> {
  try {
    return orderTerms(dto.order);
  } catch (e) {
    if (e instanceof DomainError && e.field) throw new DomainError(e.kind, `order.${e.message}`, `order.${e.field}`);
    throw e;
  }
}
