import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';

export interface AccountSeats {
  id: string;
  name: string;
  createdAt: Date;
  seatsTotal: number;
  seatsUsed: number;
  activeOrders: number;
}

export interface AccountAdministrator {
  accountId: string;
  id: string;
  email: string;
  name: string;
}

@Injectable()
export class OperatorAccountsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Every account with the seats of its orders valid at `now` and the active organizers holding them. */
  async listWithSeats(now: Date): Promise<AccountSeats[]> {
    const rows = await this.db.query<{
      id: string;
      name: string;
      created_at: Date | string;
      seats_total: number;
      seats_used: number;
      active_orders: number;
    }>(
      `SELECT a.id, a.name, a.created_at, COALESCE(o.seats_total, 0) AS seats_total,
              COALESCE(o.active_orders, 0) AS active_orders, COALESCE(u.seats_used, 0) AS seats_used
       FROM accounts a
       LEFT JOIN (SELECT account_id, sum(seats)::int AS seats_total, count(*)::int AS active_orders
                  FROM orders WHERE valid_from <= $1 AND valid_until > $1 GROUP BY account_id) o ON o.account_id = a.id
       LEFT JOIN (SELECT u.account_id, count(*)::int AS seats_used
                  FROM users u JOIN orders r ON r.id = u.order_id
                  WHERE u.role = 'organizer' AND u.active AND r.valid_from <= $1 AND r.valid_until > $1
                  GROUP BY u.account_id) u ON u.account_id = a.id
       ORDER BY a.created_at, a.id`,
      [now],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.created_at),
      seatsTotal: Number(r.seats_total),
      seatsUsed: Number(r.seats_used),
      activeOrders: Number(r.active_orders),
    }));
  }

  async activeAdministrators(): Promise<AccountAdministrator[]> {
    const rows = await this.db.query<{ account_id: string; id: string; email: string; name: string }>(
      "SELECT account_id, id, email, name FROM users WHERE role = 'admin' AND active ORDER BY created_at, email",
    );
    return rows.map((r) => ({ accountId: r.account_id, id: r.id, email: r.email, name: r.name }));
  }
}
