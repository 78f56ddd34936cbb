import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { eventually, freePort, uniqueRedisPrefix } from '#test-support';
import { AdmissionProcess, startAdmissionProcess } from '#test-support/admission-cluster';
import type { ApiClient } from '#test-support/control-plane-harness';
import { LiveStack, exited, publish, startLiveStack } from '#test-support/live-stack';
import { describeViolations, launchChromium, seriousViolations, signIn } from './support/console-stack';

// The live chat of the join page end to end: a live event streamed by ffmpeg through ingest and a live worker, the
// control plane serving dist/web, one admission node process, and Chromium. Grace reads English on a wide screen
// (the chat beside the player), Alan French on a phone (the chat below it); both are seated in the live phase.

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

interface Attendee {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * Sends `<prefix> 1`, `<prefix> 2`, … as fast as the page takes them until the limit (3 in 5 s) answers; returns the
 * text that was refused. How many pass first depends on how long ago the attendee's previous message went, which a
 * loaded machine stretches, so the tests do not count on a number.
 */
async function burstUntilRefused(
  page: Page,
  input: Locator,
  prefix: string,
  send: () => Promise<unknown>,
): Promise<string> {
  for (let i = 1; i <= 8; i++) {
    const text = `${prefix} ${i}`;
    await input.fill(text);
    await send();
    const outcome = await page.waitForFunction(
      (line) => {
        if (document.querySelector('[data-chat-refusal="rate-limited"]')) return 'refused';
        return (line as HTMLInputElement | null)?.value === '' ? 'sent' : false;
      },
      await input.elementHandle(),
      { timeout: 5000 },
    );
    if ((await outcome.jsonValue()) === 'refused') return text;
  }
  return '';
}

describe('the live chat of the join page', { timeout: 240_000 }, () => {
  let stack: LiveStack;
  let admission: AdmissionProcess;
  let browser: Browser;
  let publisher: ChildProcess | undefined;
  let grace: Attendee;
  let alan: Attendee;
  let organizer: ApiClient;
  let eventId: string;
  let organizerLogin: { email: string; password: string };
  let presenter: Page;
  const opened: Attendee[] = [];

  async function open(locale: 'en-GB' | 'fr-FR', url: string, viewport: typeof WIDE): Promise<Attendee> {
    const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      const text = m.text();
      // a Content-Security-Policy violation is a console error too
      if (text.includes('i18n: missing key')) problems.push(text);
      else if (m.type() === 'error' && !/Failed to load resource|WebSocket connection/.test(text)) {
        problems.push(`console error: ${text}`);
      }
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url);
    const a = { context, page, problems };
    opened.push(a);
    return a;
  }

  const messages = (p: Page, name: string) => p.getByRole('list', { name });
  const noSeriousViolations = async (a: Attendee, what: string) => {
    const vs = await seriousViolations(a.page);
    assert.deepEqual(vs, [], `${what}: ${describeViolations(vs)}`);
  };

  before(async () => {
    const prefix = uniqueRedisPrefix('join-chat');
    const admissionPort = await freePort();
    stack = await startLiveStack({
      workers: 1,
      controlPlane: { REDIS_PREFIX: prefix, ADMISSION_PUBLIC_URLS: [`http://127.0.0.1:${admissionPort}`] },
    });
    admission = await startAdmissionProcess('join-chat-node', prefix, {
      PORT: String(admissionPort),
      JOIN_TOKEN_SECRET: stack.cp.config.JOIN_TOKEN_SECRET,
      PLAYBACK_TOKEN_SECRET: stack.cp.config.PLAYBACK_TOKEN_SECRET,
    });
    const customer = await stack.cp.seed({ attendeeLimit: 5, overagePolicy: 'block' });
    const api = stack.cp.api(customer.organizer.token);
    organizer = api;
    organizerLogin = customer.organizer;
    // the presenter may go live up to 15 min before the start
    const startsAt = new Date(Date.now() + 120_000);
    const created = await api.post('/api/events', {
      title: 'Chat all-hands',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    eventId = created.body.id as string;
    const register = async (name: string, email: string) => {
      const r = await api.post(`/api/events/${eventId}/registrations`, { name, email, sendInvitation: false });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.joinUrl as string;
    };
    const graceUrl = await register('Grace <Hopper>', 'grace@example.com');
    const alanUrl = await register('Alan Turing', 'alan@example.com');
    browser = await launchChromium();
    await stack.keyCacheRefreshed();

    grace = await open('en-GB', graceUrl, WIDE);
    await grace.page.getByText(/^The webcast starts in/).waitFor({ timeout: 15_000 });
    // no chat before the live phase
    assert.equal(await grace.page.getByRole('heading', { name: 'Chat', exact: true }).count(), 0);
    publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${created.body.streamKey as string}`, 200);
    await grace.page.getByText('You are in.').waitFor({ timeout: 45_000 });
    alan = await open('fr-FR', alanUrl, PHONE);
    await alan.page.getByText('Vous êtes connecté.').waitFor({ timeout: 20_000 });
  });

  after(async () => {
    for (const a of opened) await a.context.close().catch(() => undefined);
    await browser?.close();
    if (publisher && publisher.exitCode === null && publisher.signalCode === null) {
      publisher.kill('SIGKILL');
      await exited(publisher);
    }
    await admission?.stop();
    await stack?.close();
  });

  it('shows a message sent with Enter to the other attendee, as plain text with its author and time', async () => {
    const g = grace.page;
    await g.getByRole('heading', { name: 'Chat', exact: true }).waitFor();
    const input = g.getByLabel('Your message');
    const text = 'Hello <b>everyone</b>, slides at https://example.com/deck';
    await input.fill(text);
    await g
      .locator('[data-chat-panel]')
      .getByText(`${[...text].length} / 500 characters`)
      .waitFor();
    await input.press('Enter');
    // the line empties once the node accepted it
    await g.waitForFunction(() => (document.querySelector('[data-chat-panel] input') as HTMLInputElement).value === '');
    await g.locator('[data-chat-panel]').getByText('0 / 500 characters').waitFor();
    await messages(g, 'Chat messages').getByText(text, { exact: true }).waitFor({ timeout: 10_000 });

    const list = messages(alan.page, 'Messages de la discussion');
    const item = list.getByRole('listitem').filter({ hasText: text });
    await item.waitFor({ timeout: 10_000 });
    await item.getByText('Grace <Hopper>', { exact: true }).waitFor();
    // the time in the viewer's locale (fr: 24-hour "14:05")
    assert.match(await item.locator('time').innerText(), /^\d{2}:\d{2}$/);
    // text, never markup: no <b> and no link were made from it
    assert.equal(await list.locator('b, a').count(), 0);
    // the newest message is announced politely
    await alan.page
      .getByRole('status')
      .filter({ hasText: `Grace <Hopper> : ${text}` })
      .waitFor();
    await noSeriousViolations(grace, 'chat beside the player (en)');
    await noSeriousViolations(alan, 'chat below the player (fr)');
    assert.deepEqual(grace.problems, []);
    assert.deepEqual(alan.problems, []);
  });

  it('says messages sent too fast are too fast, with the seconds to wait counting down', async () => {
    const g = grace.page;
    const input = g.getByLabel('Your message');
    const refusedText = await burstUntilRefused(g, input, 'burst', () => input.press('Enter'));
    assert.ok(refusedText, 'a burst of messages meets the limit');
    await g.getByRole('alert').getByText('You are sending messages too fast.').waitFor({ timeout: 5000 });
    const wait = g.locator('[data-chat-refusal="rate-limited"]');
    const seconds = async () => Number(/Try again in (\d+) seconds?\./.exec(await wait.innerText())?.[1]);
    const first = await seconds();
    assert.ok(first >= 1 && first <= 10, `seconds to wait: ${first}`);
    await g.waitForFunction(
      (s) => {
        const m = /in (\d+) second/.exec(document.querySelector('[data-chat-refusal]')?.textContent ?? '');
        return m !== null && Number(m[1]) < s;
      },
      first,
      { timeout: 5000 },
    );
    // what was refused stays in the line, and never reached the other attendee
    assert.equal(await input.inputValue(), refusedText);
    assert.equal(
      await messages(alan.page, 'Messages de la discussion').getByText(refusedText, { exact: true }).count(),
      0,
    );
    await g.screenshot({ path: '/tmp/join-chat.png', fullPage: true });
    await alan.page.screenshot({ path: '/tmp/join-chat-fr.png', fullPage: true });
    await noSeriousViolations(grace, 'chat with a refusal (en)');
    assert.deepEqual(grace.problems, []);
  });

  it('says the same in French', async () => {
    const a = alan.page;
    const input = a.getByLabel('Votre message');
    const refused = await burstUntilRefused(a, input, 'message', () =>
      a.getByRole('button', { name: 'Envoyer' }).click(),
    );
    assert.ok(refused);
    await a.getByRole('alert').getByText('Vous envoyez des messages trop vite.').waitFor({ timeout: 5000 });
    await a.getByText(/^Réessayez dans \d+ secondes?\.$/).waitFor();
    await messages(grace.page, 'Chat messages').getByText('message 1', { exact: true }).waitFor({ timeout: 5000 });
    assert.deepEqual(alan.problems, []);
  });

  it('holds a filtered message as waiting for its author only, shows it to all once approved, and follows moderators', async () => {
    const g = grace.page;
    const a = alan.page;
    const chat = `/api/events/${eventId}/chat`;
    const allowed = await organizer.request('PUT', `${chat}/settings`, {
      slowModeSeconds: 0,
      paused: false,
      linksAllowed: true,
    });
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    // the last refusal of the previous tests may still be in force: wait it out before writing
    await g.waitForFunction(() => !document.querySelector('[data-chat-refusal]'), undefined, { timeout: 15_000 });
    const input = g.getByLabel('Your message');
    await input.fill('quel enfoiré, ce conférencier');
    await input.press('Enter');
    const waiting = messages(g, 'Chat messages')
      .getByRole('listitem')
      .filter({ hasText: "waiting for a moderator's review; only you see it" });
    await waiting.getByText('quel enfoiré, ce conférencier').waitFor({ timeout: 10_000 });

    // a link, shown as one now that the organizer allows them, reaches Alan after the held message would have
    await input.fill('notes: https://example.com/notes.');
    await input.press('Enter');
    const link = messages(a, 'Messages de la discussion').getByRole('link', { name: 'https://example.com/notes' });
    await link.waitFor({ timeout: 10_000 });
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow ugc');
    const alanList = messages(a, 'Messages de la discussion');
    assert.equal(await alanList.getByText('quel enfoiré, ce conférencier').count(), 0);
    await g.screenshot({ path: '/tmp/join-chat-held.png', fullPage: true });

    const queue = await organizer.get(`${chat}/messages?state=held`);
    const held = (queue.body as { id: string; text: string }[]).find((m) => m.text === 'quel enfoiré, ce conférencier');
    assert.ok(held, JSON.stringify(queue.body));
    assert.equal((await organizer.post(`${chat}/messages/${held.id}/approve`, {})).status, 200);
    await alanList.getByText('quel enfoiré, ce conférencier', { exact: true }).waitFor({ timeout: 10_000 });
    await waiting.waitFor({ state: 'detached', timeout: 10_000 });
    await messages(g, 'Chat messages').getByText('quel enfoiré, ce conférencier', { exact: true }).waitFor();

    // hidden by a moderator: gone from both screens
    assert.equal((await organizer.post(`${chat}/messages/${held.id}/hide`, {})).status, 200);
    await alanList.getByText('quel enfoiré, ce conférencier').waitFor({ state: 'detached', timeout: 10_000 });
    await messages(g, 'Chat messages').getByText('quel enfoiré, ce conférencier').waitFor({ state: 'detached' });

    // slow mode is told to everyone, in their language
    await organizer.request('PUT', `${chat}/settings`, { slowModeSeconds: 30, paused: false });
    await a.getByText('Mode lent : un message toutes les 30 secondes.').waitFor({ timeout: 10_000 });
    await g.getByText('Slow mode: one message every 30 seconds.').waitFor({ timeout: 10_000 });
    await a.screenshot({ path: '/tmp/join-chat-slow-fr.png', fullPage: true });
    await noSeriousViolations(grace, 'chat with a held message (en)');
    await noSeriousViolations(alan, 'chat with slow mode (fr)');
    assert.deepEqual(grace.problems, []);
    assert.deepEqual(alan.problems, []);
  });

  it('lets the presenter moderate from the green room: review, hide, time out, settings', async () => {
    const context = await browser.newContext({ baseURL: stack.webOrigin, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    opened.push({ context, page, problems });
    presenter = page;
    await signIn(page, organizerLogin.email, organizerLogin.password);
    // the session lives in the page: go there by the links, as the presenter would
    await page.getByRole('link', { name: 'Chat all-hands' }).click();
    await page.getByRole('link', { name: 'Open the green room' }).click();
    const card = page.getByRole('region', { name: 'Chat' });
    await card.getByRole('heading', { name: 'Messages' }).waitFor({ timeout: 20_000 });

    // the previous test left slow mode at 30 s: the form shows it; turning it off tells the attendees
    const slow = card.getByLabel('Slow mode (seconds)');
    await eventually(async () => assert.equal(await slow.inputValue(), '30'));
    await slow.fill('0');
    await card.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Chat settings applied for every attendee.').waitFor();
    await alan.page.getByText(/^Mode lent/).waitFor({ state: 'detached', timeout: 10_000 });

    // Alan writes something the filter holds; the presenter approves it from the review queue
    const line = alan.page.getByLabel('Votre message');
    await alan.page.waitForFunction(() => !document.querySelector('[data-chat-refusal]'), undefined, {
      timeout: 15_000,
    });
    await line.fill('espèce de connard');
    await line.press('Enter');
    await alan.page.getByText('en attente de validation par un modérateur ; vous seul le voyez').waitFor();
    const review = card.getByRole('list', { name: 'Messages waiting for review' });
    const item = review.getByRole('listitem').filter({ hasText: 'espèce de connard' });
    await item.waitFor({ timeout: 15_000 });
    await item.getByText('Matched: connard').waitFor();
    await page.screenshot({ path: '/tmp/green-room-chat.png', fullPage: true });
    assert.deepEqual(await seriousViolations(page), [], describeViolations(await seriousViolations(page)));
    await item.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('The message from Alan Turing is now shown to everyone.').waitFor();
    await messages(grace.page, 'Chat messages').getByText('espèce de connard', { exact: true }).waitFor({
      timeout: 10_000,
    });
    await card.getByText('No message is waiting for review.').waitFor({ timeout: 10_000 });

    // hide it again from the feed: gone from Grace's screen
    const feed = card.getByRole('list', { name: 'Chat messages, newest first' });
    const row = feed.getByRole('listitem').filter({ hasText: 'espèce de connard' });
    await row.getByRole('button', { name: 'Hide' }).click();
    await row.getByText('Hidden', { exact: true }).waitFor();
    await messages(grace.page, 'Chat messages')
      .getByText('espèce de connard')
      .waitFor({ state: 'detached', timeout: 10_000 });

    // time Alan out: his next message is refused, in French
    await row.getByRole('button', { name: 'Time out 10 min' }).click();
    await page.getByText('Alan Turing cannot chat for 10 minutes.').waitFor();
    await line.fill('pourquoi ?');
    await line.press('Enter');
    await alan.page.getByRole('alert').getByText('Un modérateur a suspendu vos messages pour un moment.').waitFor({
      timeout: 10_000,
    });
    const log = await organizer.get(`/api/events/${eventId}/chat/moderation`);
    assert.deepEqual(
      (log.body as { action: string }[]).slice(0, 4).map((a) => a.action),
      ['timeout', 'hide', 'approve', 'settings'],
    );
    assert.deepEqual(problems, []);
  });

  it('an attendee chats and asks; the presenter sees both and answers; the attendees read the answer', async () => {
    const g = grace.page;
    const line = g.getByLabel('Your message');
    await g.waitForFunction(() => !document.querySelector('[data-chat-refusal]'), undefined, { timeout: 15_000 });
    await line.fill('Is there a recording afterwards?');
    await line.press('Enter');
    const feed = presenter.getByRole('list', { name: 'Chat messages, newest first' });
    await feed.getByText('Is there a recording afterwards?').waitFor({ timeout: 15_000 });

    await g.getByRole('tab', { name: 'Questions' }).click();
    await g.getByLabel('Your question').fill('Will the slides be shared after the webcast?');
    await g.getByRole('button', { name: 'Ask' }).click();
    const own = g
      .getByRole('list', { name: 'Questions' })
      .getByRole('listitem')
      .filter({ hasText: 'slides be shared' });
    await own.getByText('You', { exact: true }).waitFor({ timeout: 10_000 });
    assert.equal(await own.getByRole('button', { name: /^Upvote/ }).isDisabled(), true, 'no vote for one’s own');

    // Alan, in French, sees it and supports it once
    const a = alan.page;
    await a.getByRole('tab', { name: /^Questions/ }).click();
    const his = a
      .getByRole('list', { name: 'Questions' })
      .getByRole('listitem')
      .filter({ hasText: 'slides be shared' });
    await his.getByText('Grace <Hopper>', { exact: true }).waitFor({ timeout: 10_000 });
    await his.getByRole('button', { name: 'Soutenir (0)' }).click();
    await his.getByRole('button', { name: 'Soutenir (1)' }).waitFor();
    assert.equal(await his.getByRole('button', { name: 'Soutenir (1)' }).isDisabled(), true);

    const card = presenter.getByRole('region', { name: 'Questions', exact: true });
    const item = card
      .getByRole('list', { name: 'Questions from attendees' })
      .getByRole('listitem')
      .filter({ hasText: 'slides be shared' });
    await item.getByText('1 vote', { exact: true }).waitFor({ timeout: 15_000 });
    await item.getByLabel('Answer in writing').fill('Yes: they are on the event page tonight.');
    await item.getByRole('button', { name: 'Send answer' }).click();
    await presenter.getByText('Your answer is shown to everyone.').waitFor();
    await own.getByText('Yes: they are on the event page tonight.').waitFor({ timeout: 10_000 });
    await own.getByText('Answered', { exact: true }).waitFor();
    await his.getByText('Réponse :').waitFor({ timeout: 10_000 });
    await his.getByText('Répondue', { exact: true }).waitFor();
    await g.screenshot({ path: '/tmp/join-qa.png', fullPage: true });
    await a.screenshot({ path: '/tmp/join-qa-fr.png', fullPage: true });
    await presenter.screenshot({ path: '/tmp/green-room-qa.png', fullPage: true });
    await noSeriousViolations(grace, 'Q&A tab (en)');
    await noSeriousViolations(alan, 'Q&A tab (fr)');
    assert.deepEqual(await seriousViolations(presenter), [], describeViolations(await seriousViolations(presenter)));
    assert.deepEqual(grace.problems, []);
    assert.deepEqual(alan.problems, []);
  });
});
