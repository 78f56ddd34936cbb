import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SeededAttendance, seedAttendanceLog } from '#test-support/attendance-log';
import type { SeededCustomer } from '#test-support/control-plane-harness';
import { ConsoleStack, signIn, startConsoleStack } from './support/console-stack';

// The attendance report of an ended webcast whose seeded log peaks above limit + buffer: the exact figures and the
// fee with its formula, the chart's limit and bands, the attendees table, and both CSVs carrying the same numbers.

const LIMIT = 100;
const BUFFER = 10; // the order's 10 %
const RATE_CENTS = 250;
const money = (cents: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);

const SPEAKER = '00000000-0000-4000-8000-00000000ada0';
const SAID_AT = '2026-01-01T10:00:00.000Z';

describe('the attendance report page', { timeout: 180_000 }, () => {
  let stack: ConsoleStack;
  let s: SeededCustomer;
  let eventId: string;
  let seeded: SeededAttendance;

  before(async () => {
    stack = await startConsoleStack();
    s = await stack.cp.seed({ attendeeLimit: LIMIT, overageRateCents: RATE_CENTS });
    const start = Date.now() + 2 * 86_400_000;
    const r = await stack.cp.api(s.organizer.token).post('/api/events', {
      title: 'Product launch',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 2 * 3_600_000).toISOString(),
      mode: 'live',
      attendeeLimit: LIMIT,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    eventId = r.body.id;
    // what the chat and Q&A consumer would have stored during the webcast
    await stack.cp.db.query(
      `INSERT INTO chat_messages (event_id, stream_id, registrant_id, author_name, body, sent_at)
       VALUES ($1, '1700000000000-0', $2, 'Ada', 'Thanks, great talk', $3)`,
      [eventId, SPEAKER, SAID_AT],
    );
    await stack.cp.db.query(
      `INSERT INTO qa_questions (event_id, id, registrant_id, author_name, anonymous, body, status, answer, asked_at)
       VALUES ($1, '1700000000001-0', $2, 'Ada', true, 'Slides?', 'answered', 'On the event page', $3)`,
      [eventId, SPEAKER, SAID_AT],
    );
    seeded = await seedAttendanceLog(stack.cp.db, eventId, { attendees: 300, hours: 2, attendeeLimit: LIMIT, seed: 7 });
    assert.ok(seeded.peak.concurrent > LIMIT + BUFFER, `the seeded peak ${seeded.peak.concurrent} is above 110`);
  });
  after(async () => {
    await stack?.close();
  });

  const figure = (page: Page, label: string) =>
    page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').innerText();

  it('shows the exact peak, buffer used, overage and fee, the chart bands, and downloads both CSVs', async () => {
    const peak = seeded.peak.concurrent;
    const overage = peak - (LIMIT + BUFFER);
    const fee = overage * RATE_CENTS;
    const c = await stack.open();
    const { page, problems } = c;
    await signIn(page, s.organizer.email, s.organizer.password);
    await page.getByRole('link', { name: 'Product launch' }).click();
    await page.getByRole('link', { name: 'Attendance report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Attendance report: Product launch' }).waitFor();

    await page.getByRole('region', { name: 'Headline figures' }).waitFor();
    assert.equal(await figure(page, 'Registrants'), '300');
    assert.equal(await figure(page, 'Unique attendees'), '300');
    assert.equal(await figure(page, 'Peak concurrent'), String(peak));
    assert.equal(await figure(page, 'Buffer used'), `${BUFFER} of ${BUFFER}`);
    assert.equal(await figure(page, 'Peak overage'), String(overage));
    assert.equal(await figure(page, 'Overage fee'), money(fee));
    await page.getByText('(peak − (limit + buffer)) × rate', { exact: true }).waitFor();
    await page
      .getByText(
        `(${peak} − (${LIMIT} + ${BUFFER})) × ${money(RATE_CENTS)} = ${overage} × ${money(RATE_CENTS)} = ${money(fee)}`,
      )
      .waitFor();

    const chart = page.getByRole('img', { name: /^Concurrent attendees from/ });
    await chart.waitFor();
    const legend = page.getByRole('list', { name: 'Chart legend' });
    await legend.getByText(`Attendee limit (${LIMIT})`).waitFor();
    await legend.getByText(`Buffer band (${LIMIT + 1}–${LIMIT + BUFFER}, free)`).waitFor();
    await legend.getByText(`Overage band (above ${LIMIT + BUFFER}, billed)`).waitFor();
    await legend.getByText(`Peak (${peak})`).waitFor();
    for (const band of ['buffer', 'overage']) {
      const height = Number(await chart.locator(`rect[data-band="${band}"]`).getAttribute('height'));
      assert.ok(height > 0, `the ${band} band is drawn`);
    }
    assert.equal(await chart.locator('line[data-line="limit"]').count(), 1);
    const marks = await chart.locator('[data-peak]').evaluateAll((els) => els.map((e) => e.getAttribute('data-peak')));
    assert.equal(marks[0], seeded.peak.at.toISOString(), 'the first peak mark at the exact moment');
    await page.getByText(new RegExp(`^Peak of ${peak} attendees at`)).waitFor();
    await page.getByRole('img', { name: /^Attendees joining \(up\) and leaving \(down\)/ }).waitFor();

    const table = page.getByRole('region', { name: 'Attendees' });
    await table.getByText('1–25 of 300 attendees').waitFor();
    await table.getByLabel('Search attendees').fill('attendee.17@');
    await table.getByText('1–1 of 1 attendees').waitFor();
    await table.getByRole('cell', { name: 'attendee.17@example.org' }).waitFor();
    await table.getByLabel('Search attendees').fill('');
    await table.getByText('1–25 of 300 attendees').waitFor();
    await table.getByRole('button', { name: 'Sort by Sessions' }).click();
    await table.locator('th[aria-sort="descending"]', { hasText: 'Sessions' }).waitFor();
    await table.getByRole('button', { name: 'Page 2' }).click();
    await table.getByText('26–50 of 300 attendees').waitFor();

    const download = async (name: string) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return readFileSync(await d.path(), 'utf8')
        .trim()
        .split(/\r?\n/);
    };
    const invoice = await download('Download invoice (CSV)');
    assert.equal(invoice.length, 2);
    assert.equal(
      invoice[1],
      [eventId, LIMIT, BUFFER, peak, overage, RATE_CENTS, fee].join(','),
      'the invoice line carries the figures the page shows',
    );
    const attendees = await download('Download attendees (CSV)');
    assert.equal(attendees.length, seeded.sessions + 1, 'a header and one line per seat session');
    assert.ok(attendees.some((l) => l.includes('attendee.17@example.org')));
    const transcript = await download('Download the chat transcript (CSV)');
    assert.deepEqual(transcript.slice(1), [
      `${SAID_AT},1700000000000-0,${SPEAKER},Ada,"Thanks, great talk",false,false`,
    ]);
    const questions = await download('Download the questions (CSV)');
    assert.deepEqual(questions.slice(1), [
      `${SAID_AT},1700000000001-0,${SPEAKER},Ada,true,Slides?,answered,0,On the event page,false,false`,
    ]);
    assert.deepEqual(problems, []);
  });

  it("shows an administrator the chart and says the figures are the organizer's", async () => {
    const c = await stack.open();
    // the token lives in memory: open the page first, then sign in where it sends us
    await c.page.goto(`/events/${eventId}/report`);
    await signIn(c.page, s.admin.email, s.admin.password, { fromHome: false });
    await c.page.getByText("The attendee figures and the fee are for the webcast's organizer").waitFor();
    await c.page.getByRole('list', { name: 'Chart legend' }).getByText(`Attendee limit (${LIMIT})`).waitFor();
    assert.equal(await c.page.getByRole('button', { name: 'Download invoice (CSV)' }).count(), 0);
    assert.deepEqual(c.problems, []);
  });
});
