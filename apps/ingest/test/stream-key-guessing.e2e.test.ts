import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '#test-support';
import { LiveStack, exited, publish, startLiveStack } from '#test-support/live-stack';

// Someone guessing stream keys from one address: after a few unknown keys every publish from that address is
// refused, even with the right key, until the window ends; then the presenter's key works again.

const LIMIT = 3;
// long enough for a few refused publishes on a loaded machine to fall inside one window
const WINDOW_MS = 20_000;

describe('stream-key guessing is limited per address', { timeout: 120_000 }, () => {
  let stack: LiveStack;
  before(async () => {
    stack = await startLiveStack({ workers: 1, publishFailureLimit: LIMIT, publishFailureWindowMs: WINDOW_MS });
  });
  after(async () => {
    await stack?.close();
  });

  it('refuses the address after the limit, with the wait, and lets the right key in once the window is over', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    const state = async () => (await stack.cp.api(customer.organizer.token).get(`/api/events/${eventId}`)).body.state;
    for (let i = 0; i < LIMIT; i++) {
      await exited(publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/guess-${i}-${streamKey.slice(0, 6)}`, 2));
    }
    assert.equal(stack.refusals.length, LIMIT);
    assert.ok(stack.refusals.every((r) => /unknown stream key/.test(r.reason)));
    const lockedAt = Date.now();

    await exited(publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${streamKey}`, 2));
    assert.equal(stack.refusals.length, LIMIT + 1, 'the right key is refused too while the address is locked');
    assert.match(stack.refusals[LIMIT].reason, /too many publishes with unknown stream keys.*try again in \d+ s/);
    assert.equal(await state(), 'scheduled');

    // the window counts from the first unknown key: wait it out, then the presenter publishes
    await eventually(() => Date.now() - lockedAt > WINDOW_MS, { timeout: WINDOW_MS + 5000, interval: 250 });
    const presenter = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${streamKey}`, 4);
    await eventually(async () => assert.equal(await state(), 'live'), {
      timeout: 20_000,
      message: 'the right key publishes once the window is over',
    });
    assert.equal(await exited(presenter), 0);
    assert.equal(stack.refusals.length, LIMIT + 1);
  });
});
