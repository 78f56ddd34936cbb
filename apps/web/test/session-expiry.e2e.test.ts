import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiClient, type SeededCustomer } from '#test-support/control-plane-harness';
import { eventually } from '#test-support';
import { ConsoleStack, signIn, startConsoleStack, wallTime } from './support/console-stack';

// An access token that expires while the organizer is typing: saving sends them to sign in with a sentence that
// says so, and after signing in they are back on the form with what they had typed.
const TOKEN_TTL_MS = 12_000;

describe('an expired session during an edit', { timeout: 120_000 }, () => {
  let stack: ConsoleStack;
  let s: SeededCustomer;
  before(async () => {
    stack = await startConsoleStack({ ACCESS_TOKEN_TTL: TOKEN_TTL_MS });
    s = await stack.cp.seed();
  });
  after(async () => {
    await stack?.close();
  });

  it('sends the user to sign in with a message, then restores the draft and saves it', async () => {
    const { page, problems } = await stack.open();
    await signIn(page, s.organizer.email, s.organizer.password);
    // A token issued just after the page's expires just after it: when this one is refused, the page's is too.
    const login = await apiClient(stack.cp.url).post('/api/auth/login', {
      email: s.organizer.email,
      password: s.organizer.password,
    });
    const witness = apiClient(stack.cp.url, login.body.accessToken);

    await page.getByRole('link', { name: 'Schedule a webcast' }).click();
    await page.getByLabel('Title').fill('Survives an expiry');
    await page.getByLabel('Description').fill('Typed before the token expired.');
    await page.getByLabel('Starts').fill(wallTime(7, 10, 0));
    await page.getByLabel('Ends', { exact: false }).fill(wallTime(7, 11, 15));

    await eventually(async () => (await witness.get('/api/auth/me')).status === 401, {
      timeout: 40_000,
      interval: 250,
      message: 'the access token expired',
    });
    await page.getByRole('button', { name: 'Schedule the webcast' }).click();

    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('Your session has expired — sign in again.').waitFor();
    assert.match(page.url(), /\/sign-in\?next=%2Fevents%2Fnew$/);
    await signIn(page, s.organizer.email, s.organizer.password, { fromHome: false });

    await page.getByRole('heading', { level: 1, name: 'Schedule a webcast' }).waitFor();
    await page.getByText('Your unsaved changes were restored.').waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), 'Survives an expiry');
    assert.equal(await page.getByLabel('Description').inputValue(), 'Typed before the token expired.');
    assert.equal(await page.getByLabel('Starts').inputValue(), wallTime(7, 10, 0));
    await page.getByRole('button', { name: 'Schedule the webcast' }).click();
    await page.getByRole('heading', { level: 1, name: 'Survives an expiry' }).waitFor();

    // Saved: the draft is gone, a new form starts empty.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Events' }).click();
    await page.getByRole('link', { name: 'Schedule a webcast' }).click();
    assert.equal(await page.getByLabel('Title').inputValue(), '');
    assert.equal(await page.getByText('Your unsaved changes were restored.').count(), 0);
    assert.deepEqual(problems, []);
  });
});
