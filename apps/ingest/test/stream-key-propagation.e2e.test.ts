import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '#test-support';
import { LiveStack, exited, publish, startLiveStack } from '#test-support/live-stack';

// A presenter pastes a key into OBS the moment the console shows it. Ingest's own reload of its key cache is set
// to a minute here, so only the control plane's announcement of the change (and ingest asking again for a key it
// does not know yet) can make these publishes work: a new key, a rotated key, and the old key refused at once.

describe('stream keys reach ingest at once', { timeout: 120_000 }, () => {
  let stack: LiveStack;
  before(async () => {
    stack = await startLiveStack({ workers: 1, keyCacheRefreshMs: 60_000 });
  });
  after(async () => {
    await stack?.close();
  });

  const liveState = async (token: string, eventId: string) =>
    (await stack.cp.api(token).get(`/api/events/${eventId}`)).body.state as string;

  it('a key created a moment ago publishes, without waiting for the cache reload', async () => {
    const { customer, eventId, streamKey } = await stack.liveEvent();
    const publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${streamKey}`, 4);
    await eventually(async () => assert.equal(await liveState(customer.organizer.token, eventId), 'live'), {
      timeout: 20_000,
      message: 'the event went live from a key created just before',
    });
    assert.equal(await exited(publisher), 0);
    assert.deepEqual(stack.refusals, []);
  });

  it('after a rotation the new key publishes at once and the old one is refused', async () => {
    const { customer, eventId, streamKey: oldKey } = await stack.liveEvent({ startsInMs: -30_000 });
    const api = stack.cp.api(customer.organizer.token);
    const rotated = await api.post(`/api/events/${eventId}/stream-key`, {});
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    const newKey = rotated.body.streamKey as string;
    assert.notEqual(newKey, oldKey);

    const old = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${oldKey}`, 3);
    await exited(old);
    assert.equal(stack.refusals.length, 1, 'the old key was refused');
    assert.match(stack.refusals[0].reason, /unknown stream key/);
    assert.equal(await liveState(customer.organizer.token, eventId), 'scheduled');

    const fresh = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${newKey}`, 4);
    await eventually(async () => assert.equal(await liveState(customer.organizer.token, eventId), 'live'), {
      timeout: 20_000,
      message: 'the event went live from the rotated key',
    });
    assert.equal(await exited(fresh), 0);
    assert.equal(stack.refusals.length, 1, 'the new key was not refused');
  });
});
