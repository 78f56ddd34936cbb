import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, chromium } from 'playwright-core';
import { MediaStack, generateSource, startMediaStack } from './media-stack';

// The minimal player page in Debian's Chromium: hls.js plays the encrypted ladder from object storage, the key
// coming from the key server with a playback token; a switch to another rendition plays too.
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

  it('plays past 3 s, then switches to the other rendition and keeps playing', async () => {
    const page = await browser.newPage();
    const keyRequests: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/keys/')) keyRequests.push(r.status());
    });
    await page.goto(playerUrl);
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime > 3, undefined, {
      timeout: 60_000,
      polling: 100,
    });
    assert.ok(keyRequests.length >= 1 && keyRequests.every((s) => s === 200), `key requests: ${keyRequests}`);

    const { from, to, at } = await page.evaluate(() => {
      const hls = (window as any).hls;
      const video = document.querySelector('video') as HTMLVideoElement;
      const current = hls.currentLevel >= 0 ? hls.currentLevel : hls.loadLevel;
      const target = current === 0 ? 1 : 0;
      hls.currentLevel = target; // immediate switch: flushes the buffer and loads the other rendition
      return { from: current, to: target, at: video.currentTime };
    });
    assert.notEqual(from, to);
    await page.waitForFunction(
      ({ to, at }) => {
        const state = (window as any).playerState;
        const video = document.querySelector('video') as HTMLVideoElement;
        return (
          state.levelSwitched.includes(to) &&
          state.fragLevels.some((f: { level: number }) => f.level === to) &&
          video.currentTime > at + 1.5
        );
      },
      { to, at },
      { timeout: 60_000, polling: 100 },
    );
    const state = await page.evaluate(() => ({
      ...(window as any).playerState,
      levels: (window as any).hls.levels.map((l: any) => l.height),
    }));
    assert.deepEqual(state.levels.slice().sort(), [360, 480]);
    assert.deepEqual(
      state.errors.filter((e: string) => e.includes('fatal')),
      [],
    );
    await page.close();
  });

  it('refuses to play without a token: the key request is rejected and hls.js reports a key error', async () => {
    const page = await browser.newPage();
    const tampered = playerUrl.replace(/token=[^&]+/, 'token=invalid');
    await page.goto(tampered);
    await page.waitForFunction(
      () => (window as any).playerState.errors.some((e: string) => /key/i.test(e)),
      undefined,
      { timeout: 30_000, polling: 100 },
    );
    const t = await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
    assert.equal(t, 0);
    await page.close();
  });
});
