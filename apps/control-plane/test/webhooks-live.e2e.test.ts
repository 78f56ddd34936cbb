import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '#test-support';
import { LiveStack, exited, publish, startLiveStack } from '#test-support/live-stack';
import { WebhookReceiver, startWebhookReceiver } from '#test-support/webhook-receiver';

// The live half of the webhooks: a presenter streams over RTMP (ffmpeg, as OBS would), stops, and the receiver hears
// that the webcast started, ended (with the reason) and that its recording is ready to watch on demand.

describe('webhooks of a live webcast', { timeout: 180_000 }, () => {
  let stack: LiveStack;
  let receiver: WebhookReceiver;
  before(async () => {
    stack = await startLiveStack({
      workers: 1,
      controlPlane: { WEBHOOK_ALLOW_HTTP: true, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: true, WEBHOOK_RETRY_BASE: 500 },
    });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver?.close();
    await stack?.close();
  });

  it('tells started, ended with its reason, and recording ready, each signed', async () => {
    const customer = await stack.cp.seed();
    const endpoint = await stack.cp.api(customer.admin.token).post('/api/webhooks', {
      url: `${receiver.url}/live`,
      eventTypes: ['event.started', 'event.ended', 'recording.ready'],
    });
    assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
    const created = await stack.cp.api(customer.organizer.token).post('/api/events', {
      title: 'All hands',
      mode: 'live',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await stack.keyCacheRefreshed();
    const publisher = publish(`rtmp://127.0.0.1:${stack.rtmpPort}/live/${created.body.streamKey}`, 6);
    assert.equal(await exited(publisher), 0);

    const got = await eventually(
      () => {
        const types = receiver.received.map((r) => r.json.type);
        assert.deepEqual(types.slice().sort(), ['event.ended', 'event.started', 'recording.ready']);
        return receiver.received;
      },
      { timeout: 90_000, message: 'started, ended and recording ready' },
    );
    for (const r of got) receiver.verify(r, endpoint.body.secret);
    const of = (type: string) => got.find((r) => r.json.type === type)!.json.data;
    assert.equal(of('event.started').eventId, created.body.id);
    assert.equal(of('event.ended').state, 'ended');
    assert.ok(String(of('event.ended').endReason).length > 0, 'the end reason');
    assert.equal(of('recording.ready').eventId, created.body.id);
    assert.ok(Number(of('recording.ready').durationS) > 3, `recording of ${of('recording.ready').durationS} s`);
  });
});
