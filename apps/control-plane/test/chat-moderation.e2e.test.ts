import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, ChatSendAnswer } from '#contracts';
import { Attendee, AdmissionCluster, startAdmissionCluster } from '#test-support/admission-cluster';
import { ControlPlaneHarness, SeededCustomer, startControlPlane } from '#test-support/control-plane-harness';
import { eventually } from '#test-support/eventually';
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

  /** A live event of the customer's organizer with these registrants, and a way to seat them on a node. */
  const liveEventWith = async (of: SeededCustomer, names: string[]) => {
    const org = h.api(of.organizer.token);
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
    for (const name of names) {
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
    return { org, eventId, registrants, seat };
  };

  it('hides for everyone and later joiners, times out on every node until lifted, pauses the room', async () => {
    const { org, eventId, registrants, seat } = await liveEventWith(customer, ['Troll', 'Ada', 'Late']);
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
      assert.deepEqual(await a.next('chat:settings'), {
        eventId,
        slowModeSeconds: 0,
        paused: true,
        linksAllowed: false,
      });
    }
    const refused = await send(ada, 'anyone?');
    assert.equal(refused.ok === false && refused.reason, 'paused');
  });

  it('holds a word-filter hit for review: only approval lets it reach the room, rejection never', async () => {
    // another customer: one event at a time per organizer, and the first test's event is still live
    const { org, eventId, seat } = await liveEventWith(await h.seed(), ['Heckler', 'Bea', 'Later']);
    const heckler = await seat(0, 0);
    const bea = await seat(1, 1);

    const rude = await send(heckler, 'quel enfoiré, ce conférencier');
    assert.deepEqual(rude.ok && rude.held, true, JSON.stringify(rude));
    const after = await send(heckler, 'bon, la suite');
    assert.ok(after.ok && !after.held, JSON.stringify(after));
    // the same node sent both in order: Bea has the second, so she would have had the first
    await bea.next<ChatMessage>('chat:message', (m) => m.text === 'bon, la suite');
    const seen = (a: Attendee) =>
      a.received.filter((r) => r.event === 'chat:message').map((r) => (r.payload as ChatMessage).text);
    assert.deepEqual(seen(bea), ['bon, la suite']);

    const queue = await eventually(async () => {
      const r = await org.get(`/api/events/${eventId}/chat/messages?state=held`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.length, 1, JSON.stringify(r.body));
      return r.body as { id: string; text: string; held: boolean; hidden: boolean; words: string[] }[];
    });
    assert.deepEqual(
      queue.map((m) => [m.id, m.text, m.held, m.hidden, m.words]),
      [[rude.ok && rude.id, 'quel enfoiré, ce conférencier', true, false, ['enfoire']]],
    );
    const later = await seat(2, 0);
    const before = await later.next<{ messages: ChatMessage[] }>('chat:history');
    assert.deepEqual(
      before.messages.map((m) => m.text),
      ['bon, la suite'],
    );

    const rudeId = rude.ok ? rude.id : '';
    const approved = await org.post(`/api/events/${eventId}/chat/messages/${rudeId}/approve`, { reason: 'fair' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.deepEqual(approved.body, { eventId, id: rudeId, hidden: false, held: false });
    for (const a of [bea, later, heckler]) {
      const m = await a.next<ChatMessage>('chat:restored', (x) => x.id === rudeId);
      assert.equal(m.text, 'quel enfoiré, ce conférencier');
    }
    const again = await org.post(`/api/events/${eventId}/chat/messages/${rudeId}/approve`, {});
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.match(again.body.message, /is not waiting for review/);
    const unknown = await org.post(`/api/events/${eventId}/chat/messages/1-1/reject`, {});
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
    const newcomer = await seat(2, 1, 'phone');
    const history = await newcomer.next<{ messages: ChatMessage[] }>('chat:history');
    assert.deepEqual(
      history.messages.map((m) => m.text),
      ['quel enfoiré, ce conférencier', 'bon, la suite'],
    );

    const worse = await send(heckler, 'ta gueule');
    assert.ok(worse.ok && worse.held, JSON.stringify(worse));
    const worseId = worse.ok ? worse.id : '';
    const rejected = await org.post(`/api/events/${eventId}/chat/messages/${worseId}/reject`, { reason: 'insult' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    // its author saw it as waiting; now it goes from their screen too
    assert.deepEqual(await heckler.next('chat:hidden', (x: { id: string }) => x.id === worseId), {
      eventId,
      id: worseId,
    });
    const stored = await eventually(async () => {
      const r = await org.get(`/api/events/${eventId}/chat/messages`);
      const m = (r.body as { id: string; held: boolean; hidden: boolean }[]).find((x) => x.id === worseId);
      assert.ok(m, JSON.stringify(r.body));
      return m;
    });
    assert.deepEqual([stored.held, stored.hidden], [false, true]);
    assert.equal(seen(bea).includes('ta gueule'), false);
    const log = await org.get(`/api/events/${eventId}/chat/moderation`);
    assert.deepEqual(
      (log.body as { action: string; target: string; reason: string | null }[]).map((a) => [
        a.action,
        a.target,
        a.reason,
      ]),
      [
        ['reject', worseId, 'insult'],
        ['approve', rudeId, 'fair'],
      ],
    );
  });
});
