import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, Page, chromium } from 'playwright-core';
import { MediaStack, generateSource, startMediaStack } from './media-stack';

// The player page of a playback link (the web app's /player/:assetId, served from dist/web) in Debian's Chromium:
// hls.js plays the encrypted ladder from object storage, the key coming from the key server with the link's token;
// a rendition chosen in the page's quality menu plays too. Everything is read through the page, as a viewer sees it.
describe('the player page in headless Chromium', { timeout: 240_000 }, () => {
  let stack: MediaStack;
  let browser: Browser;
  let playerUrl: string;

  before(async () => {
    stack = await startMediaStack({ transcoders: 1 });
    const source = join(stack.dir, 'source-480p.mp4');
    await generateSource(source, { width: 854, height: 480, seconds: 10 });
    const id = await stack.upload(source);
    const ready = await stack.waitForState(id, ['ready', 'failed'], 120_000);
    assert.equal(ready.state, 'ready', ready.failureReason);
    const playback = await stack.cp.api(stack.customer.organizer.token).post(`/api/media/assets/${id}/playback`);
    assert.equal(playback.status, 201);
    playerUrl = `${stack.cp.url}${playback.body.playerUrl}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const currentTime = (page: Page) => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);

  it('plays past 3 s, then switches to the other rendition and keeps playing', async () => {
    const page = await browser.newPage();
    const keyRequests: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/keys/')) keyRequests.push(r.status());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(playerUrl);
    await page.getByRole('heading', { level: 1, name: 'Player' }).waitFor();
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('video')?.currentTime ?? 0) > 3,
      undefined,
      {
        timeout: 60_000,
        polling: 100,
      },
    );
    assert.ok(keyRequests.length >= 1 && keyRequests.every((s) => s === 200), `key requests: ${keyRequests}`);

    // The quality menu lists the ladder; the page says which rendition plays.
    const playing = page.getByText(/^Now playing: \d+p$/);
    await playing.waitFor({ timeout: 30_000 });
    const from = /\d+p/.exec((await playing.textContent())!)![0];
    await page.getByRole('combobox', { name: 'Quality' }).click();
    const options = (await page.getByRole('listbox', { name: 'Quality' }).getByRole('option').allTextContents()).sort();
    assert.deepEqual(options, ['360p', '480p', 'Auto']);
    const to = from === '360p' ? '480p' : '360p';
    const at = await currentTime(page);
    await page.getByRole('option', { name: to }).click();
    await page.getByText(`Now playing: ${to}`).waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      (at) => (document.querySelector('video') as HTMLVideoElement).currentTime > at + 1.5,
      at,
      { timeout: 60_000, polling: 100 },
    );
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.deepEqual(errors, []);
    if (process.env.MEDIA_SCREENSHOTS === '1') await page.screenshot({ path: '/tmp/media-player-page.png' });
    await page.close();
  });

  it('refuses to play with a tampered token: the key server says no and the page says why', async () => {
    const page = await browser.newPage();
    const keyRequests: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/keys/')) keyRequests.push(r.status());
    });
    const tampered = playerUrl.replace(/token=[^&]+/, 'token=invalid');
    await page.goto(tampered);
    await page.getByRole('alert').filter({ hasText: 'This link does not open the video' }).waitFor({ timeout: 30_000 });
    assert.ok(
      keyRequests.length >= 1 && keyRequests.every((s) => s === 401 || s === 403),
      `key requests: ${keyRequests}`,
    );
    assert.equal(await currentTime(page), 0);
    await page.close();
  });

  it('asks for a playback link when the page is opened without one', async () => {
    const page = await browser.newPage();
    await page.goto(playerUrl.replace(/#.*$/, ''));
    await page.getByRole('alert').filter({ hasText: 'Open this page from a playback link' }).waitFor();
    assert.equal(await page.locator('video').count(), 0);
    await page.close();
  });
});
