import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, ChatSendAnswer } from '#contracts';
import { Attendee, AdmissionCluster, startAdmissionCluster } from '#test-support/admission-cluster';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { EventsService } from '../src/events/events.service';

// Moderation end to end: the organizer's REST calls on the control plane, attendees' sockets on 2 admission nodes.
describe('chat moderation (control plane + 2 admission nodes)', () => {
  let h: ControlPlaneHarness;
  let cluster: AdmissionCluster;
  let customer: SeededCustomer;
  const attendees: Attendee[] = [];

  before(async () => {
    h = await startControlPlane();
    cluster = await startAdmissionCluster(
      'chatmod',
      { JOIN_TOKEN_SECRET: h.config.JOIN_TOKEN_SECRET, PLAYBACK_TOKEN_SECRET: h.config.PLAYBACK_TOKEN_SECRET },
      2,
      h.config.REDIS_PREFIX,
    );
    customer = await h.seed();
  });
  after(async () => {
    for (const a of attendees) a.close();
    await cluster?.close();
    await h?.close();
  });

  const send = (a: Attendee, text: string) =>
    new Promise<ChatSendAnswer>((r) => a.socket.emit('chat:send', { text }, r));

  it('hides for everyone and later joiners, times out on every node until lifted, pauses the room', async () => {
    const org = h.api(customer.organizer.token);
    const created = await org.post('/api/events', {
      title: 'Moderated live',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const eventId: string = created.body.id;
    await h.controlPlane.app.get(EventsService).markLive(eventId);
    const registrants: { id: string; joinToken: string }[] = [];
    for (const name of ['Troll', 'Ada', 'Late']) {
      const r = await org.post(`/api/events/${eventId}/registrations`, {
        name,
        email: `${name.toLowerCase()}@example.org`,
        sendInvitation: false,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      registrants.push(r.body);
    }
    const seat = async (i: number, node: number, deviceId = 'laptop') => {
      const a = new Attendee(cluster.nodes[node].url, { token: registrants[i].joinToken, eventId, deviceId });
      attendees.push(a);
      assert.equal((await a.decision).status, 'admitted');
      return a;
    };
    const trollA = await seat(0, 0);
    const trollB = await seat(0, 1, 'phone');
    const ada = await seat(1, 1);

    const rude = await send(trollA, 'something rude');
    assert.ok(rude.ok, JSON.stringify(rude));
    const fine = await send(ada, 'hello all');
    assert.ok(fine.ok);
    const hidden = await org.post(`/api/events/${eventId}/chat/messages/${rude.id}/hide`, { reason: 'rude' });
    assert.equal(hidden.status, 200, JSON.stringify(hidden.body));
    for (const a of [trollA, trollB, ada]) assert.deepEqual(await a.next('chat:hidden'), { eventId, id: rude.id });
    const late = await seat(2, 0);
    const history = await late.next<{ messages: ChatMessage[] }>('chat:history');
    assert.deepEqual(
      history.messages.map((m) => [m.author.name, m.text]),
      [['Ada', 'hello all']],
    );

    const timeout = await org.post(`/api/events/${eventId}/chat/bans`, {
      registrationId: registrants[0].id,
      minutes: 2,
    });
    assert.equal(timeout.status, 200, JSON.stringify(timeout.body));
    for (const device of [trollA, trollB]) {
      const r = await send(device, 'but why');
      assert.equal(r.ok === false && r.reason, 'timed-out');
      assert.ok(r.ok === false && r.retryAfterS! > 100 && r.retryAfterS! <= 120, JSON.stringify(r));
    }
    assert.equal((await org.request('DELETE', `/api/events/${eventId}/chat/bans/${registrants[0].id}`)).status, 200);
    assert.equal((await send(trollB, 'sorry')).ok, true);

    const paused = await org.request('PUT', `/api/events/${eventId}/chat/settings`, {
      slowModeSeconds: 0,
      paused: true,
    });
    assert.equal(paused.status, 200, JSON.stringify(paused.body));
    for (const a of [trollA, ada, late]) {
      assert.deepEqual(await a.next('chat:settings'), { eventId, slowModeSeconds: 0, paused: true });
    }
    const refused = await send(ada, 'anyone?');
    assert.equal(refused.ok === false && refused.reason, 'paused');
  });
});
