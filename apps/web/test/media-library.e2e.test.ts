import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { SeededCustomer } from '#test-support/control-plane-harness';
import { VodWorker, startVodWorker } from '#test-support/vod-worker';
import {
  ConsoleStack,
  describeViolations,
  seriousViolations,
  signIn,
  startConsoleStack,
} from './support/console-stack';

// The media library end to end: a real 8 s 720p video (ffmpeg's test pattern and a tone) uploaded through the page
// straight to the embedded S3 by a presigned PUT, a real transcoder, the push channel read with the access token,
// and the encrypted ladder played by the preview through the key server. Chromium's upload is throttled (as on a
// real network) so that the byte progress has values between 0 and 100 to show.

const run = promisify(execFile);
const SHOTS = process.env.MEDIA_SCREENSHOTS === '1';

describe('the media library in the console', { timeout: 300_000 }, () => {
  let stack: ConsoleStack;
  let worker: VodWorker;
  let s: SeededCustomer;
  let dir: string;
  let source: string;
  const tour = { id: '', title: 'Product tour (recorded)' };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'media-library-'));
    source = join(dir, 'product-tour.mp4');
    // -qp 8: a source of about 14 MB, so the upload takes a few seconds at the throttled rate below
    await run('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=8'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=8'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '8', '-pix_fmt', 'yuv420p', '-g', '30'],
      ...['-c:a', 'aac', '-b:a', '96k', source],
    ]);
    stack = await startConsoleStack();
    worker = await startVodWorker(stack.cp);
    s = await stack.cp.seed();
    const start = Date.now() + 2 * 86_400_000;
    const e = await stack.cp.api(s.organizer.token).post('/api/events', {
      title: tour.title,
      mode: 'on-demand',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
    });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    tour.id = e.body.id;
  });
  after(async () => {
    await worker?.stop();
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads with byte progress, shows the transcode, then the renditions and a preview that plays; deletes', async () => {
    const c = await stack.open();
    const { page } = c;
    await signIn(page, s.organizer.email, s.organizer.password);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Media library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Media library' }).waitFor();
    await page.getByText('No videos yet').waitFor();

    // Every value any progressbar of the page takes, and every progress sentence, as the page shows them.
    await page.evaluate(() => {
      const w = window as unknown as { seen: { now: string[]; text: string[] } };
      w.seen = { now: [], text: [] };
      const record = () => {
        for (const bar of Array.from(document.querySelectorAll('[role="progressbar"]'))) {
          const now = bar.getAttribute('aria-valuenow') ?? '';
          const label = document.getElementById(bar.getAttribute('aria-labelledby') ?? '')?.textContent ?? '';
          if (w.seen.now.at(-1) !== now) w.seen.now.push(now);
          if (w.seen.text.at(-1) !== label) w.seen.text.push(label);
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });

    // Submitting empty says what is missing.
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Give the video a title.').waitFor();
    await page.getByText('Choose the file to upload.').waitFor();

    await page.getByLabel('Title').fill('Product tour');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /^Video file/ }).click();
    await (await chooser).setFiles(source);
    await page.getByLabel('On-demand webcast (optional)').selectOption({ label: tour.title });

    const size = statSync(source).size;
    const cdp = await c.context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: Math.round(size / 4), // bytes per second: about four seconds of upload
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText(/^\d+(\.\d)? MB of 14(\.\d)? MB uploaded$/).waitFor({ timeout: 30_000 });
    if (SHOTS) await page.screenshot({ path: '/tmp/media-upload-progress.png', fullPage: true });

    // The upload lands on the asset's page, which follows the transcode to the end.
    await page.waitForURL(/\/media\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const assetId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: 'Product tour' }).waitFor();
    await page.getByRole('heading', { name: /^\d renditions$/ }).waitFor({ timeout: 180_000 });
    if (SHOTS) await page.screenshot({ path: '/tmp/media-ready.png', fullPage: true });

    const seen = await page.evaluate(() => (window as unknown as { seen: { now: string[]; text: string[] } }).seen);
    const byteSentences = seen.text.filter((t) => / of .* uploaded$/.test(t));
    // The upload bar's values run up to (not always exactly) 100; the transcode bar then starts again low.
    const values = seen.now.map(Number);
    const firstDrop = values.findIndex((v, i) => i > 0 && v < values[i - 1]);
    const byteValues = firstDrop === -1 ? values : values.slice(0, firstDrop);
    assert.ok(
      byteValues.some((v) => v > 0 && v < 100),
      `an intermediate byte progress value: ${seen.now.join(', ')}`,
    );
    assert.ok(byteSentences.length >= 3, `several byte counts shown: ${byteSentences.join(' | ')}`);
    assert.match(byteSentences.at(-1)!, /^14(\.\d)? MB of 14(\.\d)? MB uploaded$/);
    const transcoding = seen.text.filter((t) => /^Transcoding: \d+/.test(t)).map((t) => Number(/\d+/.exec(t)![0]));
    assert.ok(
      transcoding.some((p) => p > 0 && p < 100),
      `transcoding progress between 0 and 100: ${seen.text.join(' | ')}`,
    );

    // The ready state: badge, renditions as the API lists them, sizes, the poster, the webcast it plays in.
    const asset = (await stack.cp.api(s.organizer.token).get(`/api/media/assets/${assetId}`)).body;
    assert.equal(asset.state, 'ready', worker.output().slice(-2000));
    assert.equal(asset.eventId, tour.id);
    await page.getByText('Ready', { exact: true }).first().waitFor();
    const rows = page.getByRole('table', { name: /renditions/ }).getByRole('row');
    assert.equal(await rows.count(), asset.renditions.length + 1);
    for (const r of asset.renditions) {
      const row = rows.filter({ hasText: `${r.width} × ${r.height}` });
      assert.equal(await row.getByRole('cell').first().textContent(), r.name);
    }
    assert.ok(asset.renditions.some((r: { height: number }) => r.height === 720));
    await page.getByRole('img', { name: 'Poster image of “Product tour”' }).waitFor();
    await page.getByText('Attached to').getByRole('link', { name: tour.title }).waitFor();

    // The preview plays the encrypted ladder past 3 s.
    const video = page.getByRole('region', { name: 'Preview' }).locator('video');
    assert.equal(await video.getAttribute('aria-label'), 'Preview of “Product tour”');
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('video[aria-label^="Preview"]')?.currentTime ?? 0) > 3,
      undefined,
      { timeout: 60_000, polling: 200 },
    );
    assert.ok((await video.evaluate((v: HTMLVideoElement) => v.currentTime)) > 3);
    if (SHOTS) await page.screenshot({ path: '/tmp/media-preview-playing.png', fullPage: true });

    const vs = await seriousViolations(page);
    assert.deepEqual(vs, [], describeViolations(vs));

    // Detach from the webcast, then delete behind the confirmation.
    await page.getByLabel('Webcast', { exact: true }).selectOption({ label: 'None' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Not attached to a webcast.').waitFor();
    assert.equal((await stack.cp.api(s.organizer.token).get(`/api/media/assets/${assetId}`)).body.eventId, null);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Product tour”?' });
    await dialog.getByText('This cannot be undone.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await stack.cp.api(s.organizer.token).get(`/api/media/assets/${assetId}`)).status, 200);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete the video' }).click();
    await page.getByRole('heading', { level: 1, name: 'Media library' }).waitFor();
    await page.getByText('No videos yet').waitFor();
    assert.equal((await stack.cp.api(s.organizer.token).get(`/api/media/assets/${assetId}`)).status, 404);
    assert.deepEqual(c.problems, []);
  });

  it('says in French why a file could not become a video', async () => {
    const api = stack.cp.api(s.organizer.token);
    const created = await api.post('/api/media/assets', { title: 'Notes de réunion' });
    const put = await fetch(`${stack.cp.url}/api/media/assets/${created.body.id}/source`, {
      method: 'PUT',
      body: 'these are meeting notes, not a video',
      headers: { authorization: `Bearer ${s.organizer.token}`, 'content-type': 'application/octet-stream' },
    });
    assert.equal(put.status, 202);
    const c = await stack.open({ locale: 'fr-FR' });
    await c.page.goto(`/media/${created.body.id}`);
    await signIn(c.page, s.organizer.email, s.organizer.password, { fromHome: false });
    const alert = c.page.getByRole('alert').filter({ hasText: 'Cette vidéo n’a pas pu être préparée' });
    await alert.waitFor({ timeout: 60_000 });
    await alert.getByText('Le fichier n’est pas un fichier vidéo ou audio').waitFor();
    await c.page.getByText('Échec', { exact: true }).waitFor();
    if (SHOTS) await c.page.screenshot({ path: '/tmp/media-failed-fr.png', fullPage: true });
    await c.page.getByRole('link', { name: 'Retour à la médiathèque' }).click();
    const row = c.page.getByRole('row').filter({ hasText: 'Notes de réunion' });
    await row.getByText('Échec', { exact: true }).waitFor();
    if (SHOTS) await c.page.screenshot({ path: '/tmp/media-library-fr.png', fullPage: true });
    assert.deepEqual(c.problems, []);
  });
});
