import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ConsoleStack, signIn, startConsoleStack } from './support/console-stack';

// The platform operator creates a customer account (its first order and administrator) from the console, and that
// administrator signs in to their own account.
const OPERATOR = { email: 'operator.demo@example.com', password: 'demo-operator-password' };

describe('the platform operator console', { timeout: 120_000 }, () => {
  let stack: ConsoleStack;
  const tag = randomBytes(3).toString('hex');
  const admin = {
    name: 'Dorothy Vaughan',
    email: `dorothy.vaughan@nasa-${tag}.example`,
    password: 'a-long-enough-password',
  };

  before(async () => {
    stack = await startConsoleStack({ SEED_DEMO: true });
  });
  after(async () => {
    await stack?.close();
  });

  it('creates a customer account with its order and administrator, who then signs in', async () => {
    const { page, problems } = await stack.open();
    await signIn(page, OPERATOR.email, OPERATOR.password);
    await page.getByRole('heading', { level: 1, name: 'Customer accounts' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Console' });
    assert.deepEqual(
      await nav.getByRole('link').allTextContents(),
      ['Customer accounts', 'Outbox'],
      'the operator sees only these (the outbox: the embedded SMTP catcher)',
    );
    await page.getByRole('row').filter({ hasText: 'Demo Organisation' }).waitFor();

    await page.getByRole('link', { name: 'Create a customer account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create a customer account' }).waitFor();
    // Nothing filled in: every missing field says so, nothing is sent.
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.getByText("Enter the account's name.").waitFor();
    await page.getByText('At least 12 characters (0 so far).').waitFor();

    await page.getByLabel('Account name').fill(`NASA Langley ${tag}`);
    const adminFields = page.getByRole('group', { name: 'Administrator' });
    await adminFields.getByLabel('Full name').fill(admin.name);
    await adminFields.getByLabel('Email').fill(admin.email);
    await adminFields.getByLabel('Initial password').fill(admin.password);
    const order = page.getByRole('group', { name: 'First order' });
    await order.getByLabel('Organizer seats').fill('4');
    await order.getByLabel('Attendee limit per webcast').fill('6000');
    await order.getByText('Between 1 and 5000 attendees.').waitFor();
    await order.getByLabel('Attendee limit per webcast').fill('250');
    await order.getByLabel('Overage rate').fill('1.75');
    await page.getByRole('button', { name: 'Create the account' }).click();

    await page.getByRole('heading', { level: 1, name: 'Customer accounts' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: `NASA Langley ${tag}` });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(`${admin.name}.*${admin.email}.*0 / 4`));

    // The new administrator signs in (another browser) and finds their account's order.
    const other = await stack.open();
    await signIn(other.page, admin.email, admin.password);
    await other.page.getByRole('heading', { level: 1, name: 'Named organizers' }).waitFor();
    await other.page.getByText('Seats in use: 0 of 4 (4 free)').waitFor();
    await other.page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Orders' }).click();
    const text = (await other.page.getByRole('region', { name: /^Order 1:/ }).textContent()) ?? '';
    assert.match(text, /Attendee limit250/);
    assert.match(text, /25 seats \(floor of 250 × 10 %\)/);
    assert.match(text, /€1\.75 per attendee/);
    assert.deepEqual([...problems, ...other.problems], []);
  });
});
