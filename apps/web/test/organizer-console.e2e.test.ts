import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { SeededCustomer } from '#test-support/control-plane-harness';
import { ConsoleStack, signIn, startConsoleStack, wallTime } from './support/console-stack';
import { focused, tabTo, typeDateTime } from './support/keyboard';

// An organizer schedules webcasts in the console: the rules show inline before anything is sent (8 hours at most,
// the order's attendee limit, no overlap with their own events), the server's answer shows where it differs, and
// the saved webcast is in the list. Once with mouse and keyboard, once with the keyboard alone.

const ZONE = 'Europe/Paris';
const iso = (wall: string) => {
  // the harness's API takes ISO with offset; Paris is UTC+1 or +2: let Intl say which
  const d = new Date(`${wall}:00Z`);
  const off = new Intl.DateTimeFormat('en', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');
  return `${wall}:00${off || '+00:00'}`;
};

describe('the organizer console', { timeout: 120_000 }, () => {
  let stack: ConsoleStack;
  let s: SeededCustomer;
  let allHands: { id: string; title: string };

  before(async () => {
    stack = await startConsoleStack();
    s = await stack.cp.seed({ attendeeLimit: 100 });
    const r = await stack.cp.api(s.organizer.token).post('/api/events', {
      title: 'Quarterly all-hands',
      startsAt: iso(wallTime(1, 10, 0)),
      endsAt: iso(wallTime(1, 12, 0)),
      mode: 'live',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    allHands = r.body;
  });
  after(async () => {
    await stack?.close();
  });

  const endsField = (page: Page) => page.getByLabel('Ends', { exact: false });

  it('signs in, is told the rules inline, sees the overlapping webcast named, saves a valid one and lists it', async () => {
    const { page, problems } = await stack.open();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/events') posts.push(r.url());
    });
    await signIn(page, s.organizer.email, s.organizer.password);
    await page.getByRole('heading', { level: 1, name: 'Your webcasts' }).waitFor();
    await page.getByRole('link', { name: 'Schedule a webcast' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schedule a webcast' }).waitFor();

    await page.getByLabel('Title').fill('Product launch');
    // The limit is shown next to the end picker before anything is typed.
    await page.getByText('At most 8 hours after the start.').waitFor();
    await page.getByLabel('Starts').fill(wallTime(5, 9, 0));
    await endsField(page).fill(wallTime(5, 17, 1));
    const tooLong = page.getByText(/longer than 8 hours \(8 h 1 min\)/);
    await tooLong.waitFor();
    assert.equal(await endsField(page).getAttribute('aria-invalid'), 'true');
    const describedBy = (await endsField(page).getAttribute('aria-describedby')) ?? '';
    assert.ok(
      (
        await page
          .locator(
            describedBy
              .split(' ')
              .filter(Boolean)
              .map((id) => `#${id}`)
              .join(', '),
          )
          .allTextContents()
      ).some((t) => /longer than 8 hours/.test(t)),
      'the error is tied to the end field for screen readers',
    );
    // the end picker names the latest possible end
    await page.getByText(/At most 8 hours after the start: .+ at the latest\./).waitFor();
    await page.getByRole('button', { name: 'Schedule the webcast' }).click();
    await tooLong.waitFor();
    assert.deepEqual(posts, [], 'nothing is sent while a rule is broken');

    // Exactly 8 hours is allowed.
    await endsField(page).fill(wallTime(5, 17, 0));
    await tooLong.waitFor({ state: 'detached' });
    await page.getByText('Duration: 8 h').waitFor();

    // Above the order's attendee limit.
    await page.getByLabel('Attendee limit').fill('101');
    await page.getByText("Above your order's attendee limit of 100.").waitFor();
    await page.getByLabel('Attendee limit').fill('80');
    await page.getByText("Above your order's attendee limit of 100.").waitFor({ state: 'detached' });

    // Overlapping the all-hands, which the form knows about: named, with a link to it, before sending.
    await page.getByLabel('Starts').fill(wallTime(1, 11, 0));
    await endsField(page).fill(wallTime(1, 13, 0));
    const overlap = page.getByRole('alert').filter({ hasText: 'overlaps your webcast' });
    await overlap.getByRole('link', { name: 'Quarterly all-hands' }).waitFor();
    assert.equal(
      await overlap.getByRole('link', { name: 'Quarterly all-hands' }).getAttribute('href'),
      `/events/${allHands.id}`,
    );
    await page.getByRole('button', { name: 'Schedule the webcast' }).click();
    assert.deepEqual(posts, []);

    // An event the page has not seen (scheduled elsewhere meanwhile): the server's 409 names it.
    const board = await stack.cp.api(s.organizer.token).post('/api/events', {
      title: 'Board meeting',
      startsAt: iso(wallTime(2, 10, 0)),
      endsAt: iso(wallTime(2, 11, 0)),
      mode: 'live',
    });
    assert.equal(board.status, 201);
    await page.getByLabel('Starts').fill(wallTime(2, 9, 30));
    await endsField(page).fill(wallTime(2, 10, 30));
    await page.getByRole('button', { name: 'Schedule the webcast' }).click();
    const serverOverlap = page.getByRole('alert').filter({ hasText: 'overlaps your webcast' });
    await serverOverlap.getByRole('link', { name: 'Board meeting' }).waitFor();
    assert.equal(
      await serverOverlap.getByRole('link', { name: 'Board meeting' }).getAttribute('href'),
      `/events/${board.body.id}`,
    );
    assert.equal(posts.length, 1, 'this one was sent and refused');

    // A valid schedule saves, opens its page, and is in the list.
    await page.getByLabel('Starts').fill(wallTime(3, 14, 0));
    await endsField(page).fill(wallTime(3, 15, 30));
    // "Play as live" is offered for an on-demand webcast only.
    assert.equal(await page.getByLabel('Play as live (simulive)').count(), 0);
    await page.getByLabel('On demand, playing an uploaded video').check();
    await page.getByLabel('Play as live (simulive)').check();
    await page.getByRole('button', { name: 'Schedule the webcast' }).click();
    await page.getByRole('heading', { level: 1, name: 'Product launch' }).waitFor();
    await page.getByText('Scheduled', { exact: true }).first().waitFor();
    await page.getByText('On demand, played as live').waitFor();
    await page.getByRole('button', { name: 'Open to attendees' }).click();
    await page.getByText(/opens by itself at its start time/).waitFor();
    await page.getByRole('button', { name: 'Not yet' }).click();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Events' }).click();
    const upcoming = page.getByRole('region', { name: /Upcoming/ });
    await upcoming.getByRole('link', { name: 'Product launch' }).waitFor();
    const row = upcoming.getByRole('row').filter({ has: page.getByRole('link', { name: 'Product launch' }) });
    assert.match((await row.textContent()) ?? '', /Scheduled.*1 h 30 min.*80/);

    const saved = (await stack.cp.api(s.organizer.token).get('/api/events')).body.find(
      (e: { title: string }) => e.title === 'Product launch',
    );
    assert.equal(saved.attendeeLimit, 80);
    assert.equal(saved.mode, 'on-demand');
    assert.equal(saved.playAsLive, true);
    assert.equal(saved.startsAt, new Date(iso(wallTime(3, 14, 0))).toISOString());
    assert.deepEqual(problems, []);
  });

  it('runs the same flow with the keyboard alone, every focus stop visible', async () => {
    const { page, problems } = await stack.open({ locale: 'en-US' });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Webcast platform' }).waitFor();
    await tabTo(page, /^Sign in to the console$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await tabTo(page, /^Email/);
    await page.keyboard.type(s.organizer.email);
    await tabTo(page, /^Password/);
    await page.keyboard.type(s.organizer.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your webcasts' }).waitFor();

    await tabTo(page, /^Schedule a webcast$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Schedule a webcast' }).waitFor();
    await tabTo(page, /^Title/);
    await page.keyboard.type('Keyboard town hall');
    await tabTo(page, /^Starts/);
    await typeDateTime(page, wallTime(6, 9, 0, 'America/New_York'));
    await tabTo(page, /^Ends/);
    await typeDateTime(page, wallTime(6, 17, 1, 'America/New_York'));
    await page.getByText(/longer than 8 hours \(8 h 1 min\)/).waitFor();

    // Overlap: the all-hands is tomorrow 10:00–12:00 Paris time; the browser here is in Paris too.
    // Each segment of a date-time field is a Tab stop: back to the field before, then forward into the first one.
    await tabTo(page, /^Time zone/, { backwards: true });
    await tabTo(page, /^Starts/);
    await typeDateTime(page, wallTime(1, 11, 30));
    await tabTo(page, /^Ends/);
    await typeDateTime(page, wallTime(1, 12, 30));
    await page
      .getByRole('alert')
      .filter({ hasText: 'overlaps your webcast' })
      .getByRole('link', { name: 'Quarterly all-hands' })
      .waitFor();

    await tabTo(page, /^Time zone/, { backwards: true });
    await tabTo(page, /^Starts/);
    await typeDateTime(page, wallTime(4, 9, 0));
    await tabTo(page, /^Ends/);
    await typeDateTime(page, wallTime(4, 10, 0));
    await page.getByText('Duration: 1 h').waitFor();
    await tabTo(page, /^Schedule the webcast$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Keyboard town hall' }).waitFor();

    await tabTo(page, /^Events$/, { backwards: true, max: 80 });
    assert.equal((await focused(page)).tag, 'a');
    await page.keyboard.press('Enter');
    await page
      .getByRole('region', { name: /Upcoming/ })
      .getByRole('link', { name: 'Keyboard town hall' })
      .waitFor();
    assert.deepEqual(problems, []);
  });
});
