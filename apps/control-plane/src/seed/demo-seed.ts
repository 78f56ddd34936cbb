import type { INestApplication } from '@nestjs/common';
import { AccountSetupService } from '../accounts/account-setup.service';
import { UsersRepository } from '../accounts/users.repository';

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

const DAY_MS = 24 * 3600 * 1000;

/** Creates the demo account once; later starts find it and leave it alone. */
export async function seedDemo(app: INestApplication): Promise<'created' | 'exists'> {
  const users = app.get(UsersRepository);
  if (await users.findByEmail(DEMO_ADMIN.email)) return 'exists';
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
  return 'created';
}
