import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { apiClient, type SeededCustomer } from '#test-support/control-plane-harness';
import { ConsoleStack, signIn, startConsoleStack } from './support/console-stack';

// An account administrator manages named organizers and reads the orders in the console.
const PASSWORD = 'a-long-initial-password';

describe('the administrator console', { timeout: 120_000 }, () => {
  let stack: ConsoleStack;
  let s: SeededCustomer;
  const tag = randomBytes(3).toString('hex');
  const email = (local: string) => `${local}@acme-${tag}.example`;

  before(async () => {
    stack = await startConsoleStack();
    s = await stack.cp.seed({ seats: 2, attendeeLimit: 105, overageRateCents: 250, overageCap: 40 });
  });
  after(async () => {
    await stack?.close();
  });

  const rowOf = (page: Page, name: string) =>
    page.getByRole('region', { name: 'Organizers', exact: true }).getByRole('row').filter({ hasText: name });
  const addForm = (page: Page) => page.getByRole('region', { name: 'Add an organizer' });

  async function addOrganizer(page: Page, name: string, address: string) {
    const form = addForm(page);
    await form.getByLabel('Full name').fill(name);
    await form.getByLabel('Email').fill(address);
    await form.getByLabel('Initial password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Add the organizer' }).click();
  }

  it('creates an organizer, refuses trainer@ with the reason, reaches the seat limit, deactivates and reassigns', async () => {
    const { page, problems } = await stack.open();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/organizers') posts.push(r.url());
    });
    await signIn(page, s.admin.email, s.admin.password);
    await page.getByRole('heading', { level: 1, name: 'Named organizers' }).waitFor();
    await page.getByText('Seats in use: 1 of 2 (1 free)').waitFor();
    await rowOf(page, 'Ada Lovelace').waitFor();

    // The identity rule shows as the address is typed, before anything is sent.
    const form = addForm(page);
    await form.getByLabel('Full name').fill('Training team');
    await form.getByLabel('Email').fill(email('trainer'));
    const refusal = `“${email('trainer')}” is a shared or role address: a named organizer must be one person's own address.`;
    await form.getByText(refusal).waitFor();
    assert.equal(await form.getByLabel('Email').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('Initial password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Add the organizer' }).click();
    await form.getByText(refusal).waitFor();
    assert.deepEqual(posts, [], 'a refused address is not sent');

    await addOrganizer(page, 'Grace Brewster', email('grace.brewster'));
    await rowOf(page, 'Grace Brewster').getByText('Active').waitFor();
    await page.getByText('Seats in use: 2 of 2 (0 free)').waitFor();
    assert.equal(posts.length, 1);

    // Every seat is taken: the form says why before and after trying.
    await form.getByText('All 2 seats of the order are in use').first().waitFor();
    await addOrganizer(page, 'Katherine Johnson', email('katherine.johnson'));
    await form
      .getByRole('alert')
      .filter({ hasText: 'All 2 seats of the order are in use: deactivate an organizer or reassign a seat' })
      .waitFor();
    assert.equal(await rowOf(page, 'Katherine Johnson').count(), 0);

    // Deactivate, with a confirmation that says what happens.
    await rowOf(page, 'Ada Lovelace').getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Ada Lovelace?' });
    await dialog.getByText('is signed out at once').waitFor();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rowOf(page, 'Ada Lovelace').getByText('Deactivated', { exact: true }).waitFor();
    await page.getByText('Seats in use: 1 of 2 (1 free)').waitFor();
    assert.equal((await apiClient(stack.cp.url, s.organizer.token).get('/api/events')).status, 401);

    // Reassign Grace's seat; a role address is refused there too.
    await rowOf(page, 'Grace Brewster').getByRole('button', { name: 'Reassign seat' }).click();
    const reassign = page.getByRole('dialog', { name: 'Reassign the seat of Grace Brewster' });
    await reassign.getByLabel('Full name').fill('Mary Jackson');
    await reassign.getByLabel('Email').fill(email('info'));
    await reassign.getByText(`“${email('info')}” is a shared or role address`).waitFor();
    await reassign.getByLabel('Email').fill(email('mary.jackson'));
    await reassign.getByLabel('Initial password').fill(PASSWORD);
    await reassign.getByRole('button', { name: 'Reassign the seat' }).click();
    await reassign.waitFor({ state: 'detached' });
    await page.getByText("The seat of Grace Brewster is now Mary Jackson's; 0 scheduled webcasts moved.").waitFor();
    await rowOf(page, 'Mary Jackson').getByText('Active').waitFor();
    await rowOf(page, 'Grace Brewster').getByText('Deactivated', { exact: true }).waitFor();

    const login = (address: string) =>
      apiClient(stack.cp.url).post('/api/auth/login', { email: address, password: PASSWORD });
    assert.equal((await login(email('mary.jackson'))).status, 200);
    assert.equal((await login(email('grace.brewster'))).status, 401);
    assert.deepEqual(problems, []);
  });

  it('reactivates a deactivated organizer when a seat is free, and says why not when none is', async () => {
    const { page, problems } = await stack.open();
    await signIn(page, s.admin.email, s.admin.password);
    // From the first test: Ada and Grace deactivated, Mary active; 1 of 2 seats in use.
    await page.getByText('Seats in use: 1 of 2 (1 free)').waitFor();
    await addOrganizer(page, 'Katherine Johnson', email('katherine.johnson'));
    await rowOf(page, 'Katherine Johnson').getByText('Active').waitFor();

    await rowOf(page, 'Ada Lovelace').getByRole('button', { name: 'Reactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reactivate Ada Lovelace?' });
    await dialog.getByRole('button', { name: 'Reactivate' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'All 2 seats of the order are in use' }).waitFor();
    await dialog.getByRole('button', { name: 'Keep it' }).click();

    await rowOf(page, 'Katherine Johnson').getByRole('button', { name: 'Deactivate' }).click();
    await page
      .getByRole('dialog', { name: 'Deactivate Katherine Johnson?' })
      .getByRole('button', { name: 'Deactivate' })
      .click();
    await rowOf(page, 'Katherine Johnson').getByText('Deactivated', { exact: true }).waitFor();
    await rowOf(page, 'Ada Lovelace').getByRole('button', { name: 'Reactivate' }).click();
    await page
      .getByRole('dialog', { name: 'Reactivate Ada Lovelace?' })
      .getByRole('button', { name: 'Reactivate' })
      .click();
    await rowOf(page, 'Ada Lovelace').getByText('Active', { exact: true }).waitFor();
    const login = await apiClient(stack.cp.url).post('/api/auth/login', {
      email: s.organizer.email,
      password: s.organizer.password,
    });
    assert.equal(login.status, 200, 'the reactivated organizer signs in again');
    assert.deepEqual(problems, []);
  });

  it("shows each order's seats used and free, limit, buffer, overage rate, policy, cap and validity", async () => {
    const { page, problems } = await stack.open();
    await signIn(page, s.admin.email, s.admin.password);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Orders' }).click();
    const order = page.getByRole('region', { name: /^Order 1:/ });
    await order.waitFor();
    const text = (await order.textContent()) ?? '';
    assert.match(text, /Valid/);
    assert.match(text, /of 2 in use, \d free/);
    assert.match(text, /Attendee limit105/);
    assert.match(text, /10 seats \(floor of 105 × 10 %\): up to 115 attendees at no extra charge/);
    assert.match(text, /€2\.50 per attendee beyond limit \+ buffer/);
    assert.match(text, /Admit and bill/);
    assert.match(text, /At most 40 billable attendees/);
    assert.deepEqual(problems, []);
  });
});
