import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { SeededCustomer } from '#test-support/control-plane-harness';
import { ConsoleStack, signIn, startConsoleStack, wallTime } from './support/console-stack';

// An organizer's webcast page: the registration link to copy, the stream key to rotate and the webcast to cancel
// (each behind a confirmation), and who registered (search, pages, CSV).

const offset = (wall: string) => {
  const off = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${wall}:00Z`))
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');
  return `${wall}:00${off || '+00:00'}`;
};

describe("a webcast's page in the console", { timeout: 120_000 }, () => {
  let stack: ConsoleStack;
  let s: SeededCustomer;
  let event: { id: string; title: string; publicSlug: string; registrationUrl: string; streamKey: string };

  before(async () => {
    stack = await startConsoleStack();
    s = await stack.cp.seed();
    const r = await stack.cp.api(s.organizer.token).post('/api/events', {
      title: 'Customer summit',
      startsAt: offset(wallTime(2, 14, 0)),
      endsAt: offset(wallTime(2, 16, 0)),
      mode: 'live',
    });
    assert.equal(r.status, 201);
    event = r.body;
  });
  after(async () => {
    await stack?.close();
  });

  const openEvent = async (title: string) => {
    const c = await stack.open();
    await signIn(c.page, s.organizer.email, s.organizer.password);
    await c.page.getByRole('link', { name: title }).click();
    await c.page.getByRole('heading', { level: 1, name: title }).waitFor();
    return c;
  };

  it('copies the registration link, rotates the stream key and cancels, each after a confirmation', async () => {
    const { page, problems } = await openEvent('Customer summit');
    assert.equal(await page.getByLabel('Public registration link').inputValue(), event.registrationUrl);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Copied' }).first().waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), event.registrationUrl);

    const key = page.getByLabel('Stream key');
    assert.doesNotMatch(await key.inputValue(), new RegExp(event.streamKey), 'hidden until asked');
    await page.getByRole('button', { name: 'Show key' }).click();
    assert.equal(await key.inputValue(), event.streamKey);
    await page.getByRole('button', { name: 'Rotate the stream key' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate the stream key?' });
    await rotate.getByText('The current key stops working at once').waitFor();
    await rotate.getByRole('button', { name: 'Rotate the key' }).click();
    await rotate.waitFor({ state: 'detached' });
    await page.getByText('The stream key was rotated. Give OBS the new key.').waitFor();
    const fresh = (await stack.cp.api(s.organizer.token).get(`/api/events/${event.id}`)).body.streamKey as string;
    assert.notEqual(fresh, event.streamKey);
    assert.equal(await key.inputValue(), fresh, 'the page shows the new key');

    await page.getByRole('button', { name: 'Cancel the webcast' }).click();
    const cancel = page.getByRole('dialog', { name: 'Cancel “Customer summit”?' });
    await cancel.getByRole('button', { name: 'Keep the webcast' }).click();
    await cancel.waitFor({ state: 'detached' });
    assert.equal((await stack.cp.api(s.organizer.token).get(`/api/events/${event.id}`)).body.state, 'scheduled');
    await page.getByRole('button', { name: 'Cancel the webcast' }).click();
    await cancel.getByRole('button', { name: 'Cancel the webcast' }).click();
    await cancel.waitFor({ state: 'detached' });
    await page.getByText('Cancelled', { exact: true }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cancel the webcast' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Edit' }).count(), 0);
    assert.equal((await stack.cp.api(s.organizer.token).get(`/api/events/${event.id}`)).body.state, 'cancelled');
    assert.deepEqual(problems, []);
  });

  it('lists the registrants a page at a time, searches them and downloads them as CSV', async () => {
    const partner = await stack.cp.api(s.organizer.token).post('/api/events', {
      title: 'Partner day',
      startsAt: offset(wallTime(4, 14, 0)),
      endsAt: offset(wallTime(4, 16, 0)),
      mode: 'live',
    });
    assert.equal(partner.status, 201);
    const people = Array.from({ length: 30 }, (_, i) => ({
      name: i === 7 ? 'Grace Hopper' : `Attendee ${String(i + 1).padStart(2, '0')}`,
      email: i === 7 ? 'grace.hopper@navy.example' : `attendee${i + 1}@example.com`,
    }));
    for (const p of people) {
      assert.equal(
        // added by the organizer: the public form answers 202 and is rate limited per address and per IP
        (
          await stack.cp
            .api(s.organizer.token)
            .post(`/api/events/${partner.body.id}/registrations`, { ...p, sendInvitation: false })
        ).status,
        201,
      );
    }
    const { page, problems } = await openEvent('Partner day');
    const table = page.getByRole('region', { name: 'Registrants' });
    await table.getByText('1–25 of 30 registrants').waitFor();
    assert.equal(await table.getByRole('row').count(), 26, 'a header and 25 rows');
    await table.getByRole('button', { name: 'Page 2' }).click();
    await table.getByText('26–30 of 30 registrants').waitFor();

    await table.getByLabel('Search registrants').fill('HOPPER');
    await table.getByText('1–1 of 1 registrants').waitFor();
    await table.getByRole('cell', { name: 'grace.hopper@navy.example' }).waitFor();
    await table.getByLabel('Search registrants').fill('nobody-like-this');
    await table.getByText('No registrant matches “nobody-like-this”.').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    assert.equal(csv.length, 31, 'a header and every registrant, whatever the search');
    assert.ok(csv.some((l) => l.includes('grace.hopper@navy.example')));
    assert.deepEqual(problems, []);
  });
});
