import type { INestApplication } from '@nestjs/common';
import { AccountSetupService } from '../accounts/account-setup.service';
import { UsersRepository } from '../accounts/users.repository';
import { OperatorLoginsService } from '../operator/operator-logins.service';

// The logins scripts/process-table.js prints; keep the two in step.
export const DEMO_ADMIN = {
  email: 'admin.demo@example.com',
  password: 'demo-admin-password',
  name: 'Demo Administrator',
};
export const DEMO_ORGANIZER = {
  email: 'ada.lovelace@example.com',
  password: 'demo-organizer-password',
  name: 'Ada Lovelace',
};
export const DEMO_OPERATOR = {
  email: 'operator.demo@example.com',
  password: 'demo-operator-password',
  name: 'Demo Platform Operator',
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * Creates the demo account and the demo operator, each once; later starts find them and leave them alone (an
 * installation seeded before the operator role existed gets its operator on the next start).
 */
export async function seedDemo(app: INestApplication): Promise<'created' | 'exists'> {
  const users = app.get(UsersRepository);
  let created = false;
  if (!(await users.findByEmail(DEMO_ADMIN.email))) {
    const now = Date.now();
    await app.get(AccountSetupService).createCustomer({
      accountName: 'Demo Organisation',
      admin: DEMO_ADMIN,
      order: {
        seats: 3,
        attendeeLimit: 100,
        overageRateCents: 150,
        overagePolicy: 'bill',
        overageCap: 50,
        validFrom: new Date(now - DAY_MS),
        validUntil: new Date(now + 365 * DAY_MS),
      },
      organizers: [DEMO_ORGANIZER],
    });
    created = true;
  }
  if (!(await users.findByEmail(DEMO_OPERATOR.email))) {
    await app.get(OperatorLoginsService).create(DEMO_OPERATOR);
    created = true;
  }
  return created ? 'created' : 'exists';
}
