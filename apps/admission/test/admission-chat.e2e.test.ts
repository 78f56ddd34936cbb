import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ChatMessage, ChatModerationNotice, ChatSendAnswer, ChatSettings, chatModerationChannel } from '#contracts';
import { ChatModeration, chatKey } from '#seat-ledger';
import { eventually } from '#test-support';
import {
  Attendee,
  AdmissionCluster,
  joinToken,
  liveEvent,
  startAdmissionCluster,
} from '#test-support/admission-cluster';

// Live chat across 2 admission nodes sharing one Redis: whatever node a device uses, the chat script on the event's
// hash tag decides, so who may post and how often holds for the whole room.
describe('admission with 2 nodes: live chat', () => {
  let cluster: AdmissionCluster;
  const attendees: Attendee[] = [];
  before(async () => {
    cluster = await startAdmissionCluster('chat');
  });
  after(async () => {
    for (const a of attendees) a.close();
    await cluster.close();
  });
  const join = (node: number, eventId: string, token = joinToken(eventId), deviceId = 'laptop') => {
    const a = new Attendee(cluster.nodes[node].url, { token, eventId, deviceId });
    attendees.push(a);
    return a;
  };
  const seated = async (node: number, eventId: string, token?: string, deviceId?: string) => {
    const a = join(node, eventId, token, deviceId);
    assert.equal((await a.decision).status, 'admitted');
    return a;
  };
  const send = (a: Attendee, text: string) =>
    new Promise<ChatSendAnswer>((r) => a.socket.emit('chat:send', { text }, r));
  const heard = (a: Attendee, id: string) => a.next<ChatMessage>('chat:message', (m) => m.id === id);

  it("delivers a seated attendee's message on node A to the seated attendees on node B", async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const author = await seated(0, ev.id);
    const onB = await Promise.all([seated(1, ev.id), seated(1, ev.id)]);
    const answer = await send(author, '  hello from A, see https://example.org/<b>  ');
    assert.equal(answer.ok, true, JSON.stringify(answer));
    const id = answer.ok ? answer.id : '';
    for (const m of await Promise.all([author, ...onB].map((a) => heard(a, id)))) {
      assert.deepEqual(
        { ...m, at: undefined },
        {
          id,
          eventId: ev.id,
          author: { name: 'Attendee' },
          text: 'hello from A, see https://example.org/<b>',
          at: undefined,
        },
      );
      assert.ok(!Number.isNaN(Date.parse(m.at)), m.at);
    }
    const stream = await cluster.redis.xrange(chatKey(cluster.prefix, ev.id, 'stream'), '-', '+');
    assert.deepEqual(
      stream.map(([sid]) => sid),
      [id],
    );
  });

  it('refuses a waiting attendee with the sentence, and a text the rules refuse', async () => {
    const ev = liveEvent({ attendeeLimit: 1, bufferPercent: 0, overagePolicy: 'block' });
    await cluster.publishEvent(ev);
    const inSeat = await seated(0, ev.id);
    const waiting = join(1, ev.id);
    assert.equal((await waiting.decision).status, 'waiting');
    assert.deepEqual(await send(waiting, 'let me in'), {
      ok: false,
      reason: 'not-seated',
      message: 'only seated attendees can chat',
    });
    const empty = await send(inSeat, '   ');
    assert.equal(empty.ok === false && empty.reason, 'empty');
    const long = await send(inSeat, 'x'.repeat(501));
    assert.equal(long.ok === false && long.reason, 'too-long');
    assert.equal(await cluster.redis.exists(chatKey(cluster.prefix, ev.id, 'stream')), 0, 'nothing was posted');
    assert.ok(!waiting.received.some((r) => r.event === 'chat:history'), 'a waiting attendee gets no history');
  });

  it('holds the per-registrant limit across nodes: the 4th message within 5 s is refused with retryAfterS', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const token = joinToken(ev.id, randomUUID());
    const laptop = await seated(0, ev.id, token, 'laptop');
    const phone = await seated(1, ev.id, token, 'phone');
    const answers = [];
    for (const [i, device] of [laptop, phone, laptop].entries()) answers.push(await send(device, `message ${i}`));
    assert.ok(
      answers.every((a) => a.ok),
      JSON.stringify(answers),
    );
    const fourth = await send(phone, 'one too many');
    assert.equal(fourth.ok, false);
    assert.equal(fourth.ok === false && fourth.reason, 'rate-limited');
    assert.equal(fourth.ok === false && fourth.retryAfterS, 10);
    assert.match(fourth.ok === false ? fourth.message : '', /try again in 10 s/);
    // locked out on the other device and node too
    const fifth = await send(laptop, 'and another');
    assert.equal(fifth.ok === false && fifth.reason, 'rate-limited');
    assert.ok(fifth.ok === false && fifth.retryAfterS! >= 1 && fifth.retryAfterS! <= 10);
    // someone else in the room may still post
    const other = await seated(1, ev.id);
    assert.equal((await send(other, 'hi')).ok, true);
  });

  it('gives a later joiner the recent history, oldest first', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const early = await seated(0, ev.id);
    const ids: string[] = [];
    for (const text of ['first', 'second']) {
      const a = await send(early, text);
      assert.ok(a.ok, JSON.stringify(a));
      ids.push(a.id);
    }
    const late = await seated(1, ev.id);
    const history = await late.next<{ eventId: string; messages: ChatMessage[] }>('chat:history');
    assert.equal(history.eventId, ev.id);
    assert.deepEqual(
      history.messages.map((m) => [m.id, m.text]),
      [
        [ids[0], 'first'],
        [ids[1], 'second'],
      ],
    );
  });

  it('refuses a banned registrant on every node', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const registrantId = randomUUID();
    const token = joinToken(ev.id, registrantId);
    const onA = await seated(0, ev.id, token, 'laptop');
    const onB = await seated(1, ev.id, token, 'phone');
    const watcher = await seated(1, ev.id);
    // moderation (ban, timeout, slow mode) will write these keys from the control plane; the test writes it directly
    await cluster.redis.sadd(chatKey(cluster.prefix, ev.id, 'banned'), registrantId);
    for (const device of [onA, onB]) {
      assert.deepEqual(await send(device, 'spam'), {
        ok: false,
        reason: 'banned',
        message: 'you can no longer chat in this event',
      });
    }
    // the watcher heard none of it; a message after it is the first they hear
    const after = await send(watcher, 'all quiet');
    assert.ok(after.ok);
    await eventually(() => watcher.received.some((r) => r.event === 'chat:message'), { message: 'the message' });
    assert.deepEqual(
      watcher.received.filter((r) => r.event === 'chat:message').map((r) => (r.payload as ChatMessage).text),
      ['all quiet'],
    );
  });

  // Moderation as the control plane applies it: the keys through ChatModeration, the rooms told on the channel.
  const moderation = () => new ChatModeration(cluster.redis, cluster.prefix);
  const announce = (n: ChatModerationNotice) =>
    cluster.redis.publish(chatModerationChannel(cluster.prefix), JSON.stringify(n));

  it("hides a message for everyone on both nodes, and from a later joiner's history; restores it", async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const onA = await seated(0, ev.id);
    const onB = await seated(1, ev.id);
    const ids: string[] = [];
    for (const text of ['keep me', 'hide me', 'keep me too']) {
      const a = await send(onA, text);
      assert.ok(a.ok, JSON.stringify(a));
      ids.push(a.id);
    }
    assert.equal(await moderation().hide(ev.id, ids[1]), true);
    await announce({ type: 'hidden', eventId: ev.id, id: ids[1] });
    for (const a of [onA, onB]) {
      assert.deepEqual(await a.next('chat:hidden'), { eventId: ev.id, id: ids[1] });
    }
    const late = await seated(1, ev.id);
    const history = await late.next<{ messages: ChatMessage[] }>('chat:history');
    assert.deepEqual(
      history.messages.map((m) => m.text),
      ['keep me', 'keep me too'],
    );
    // each attendee hears it once, though both nodes hear the channel
    await new Promise((r) => setTimeout(r, 200));
    for (const a of [onA, onB]) assert.equal(a.received.filter((r) => r.event === 'chat:hidden').length, 1);

    const restored = await moderation().restore(ev.id, ids[1]);
    assert.equal(restored?.text, 'hide me');
    const later = await seated(0, ev.id);
    const again = await later.next<{ messages: ChatMessage[] }>('chat:history');
    assert.deepEqual(
      again.messages.map((m) => [m.id, m.text]),
      [
        [ids[0], 'keep me'],
        [ids[1], 'hide me'],
        [ids[2], 'keep me too'],
      ],
    );
  });

  it('refuses a timed-out registrant on every node with retryAfterS, and lets them post once lifted', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const registrantId = randomUUID();
    const token = joinToken(ev.id, registrantId);
    const onA = await seated(0, ev.id, token, 'laptop');
    const onB = await seated(1, ev.id, token, 'phone');
    await moderation().timeout(ev.id, registrantId, 5);
    for (const device of [onA, onB]) {
      const r = await send(device, 'hello?');
      assert.equal(r.ok, false);
      assert.equal(r.ok === false && r.reason, 'timed-out');
      assert.ok(r.ok === false && r.retryAfterS! > 290 && r.retryAfterS! <= 300, JSON.stringify(r));
      assert.match(r.ok === false ? r.message : '', /^a moderator has timed you out of the chat; try again in \d+ s$/);
    }
    assert.equal(await moderation().lift(ev.id, registrantId), true);
    assert.equal((await send(onB, 'back again')).ok, true);
  });

  it('keeps refusing a banned registrant after they reconnect (the seat stays theirs)', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const registrantId = randomUUID();
    const token = joinToken(ev.id, registrantId);
    const first = await seated(0, ev.id, token, 'laptop');
    await moderation().ban(ev.id, registrantId);
    assert.equal((await send(first, 'x')).ok === false, true);
    first.close();
    const again = await seated(1, ev.id, token, 'laptop');
    const r = await send(again, 'let me speak');
    assert.equal(r.ok === false && r.reason, 'banned');
  });

  it("refuses with slow-mode and paused, tells every node's attendees the settings, and tells joiners", async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const onA = await seated(0, ev.id);
    const onB = await seated(1, ev.id);
    await moderation().setSettings(ev.id, { slowModeSeconds: 30, paused: false, linksAllowed: false });
    await announce({ type: 'settings', eventId: ev.id, slowModeSeconds: 30, paused: false, linksAllowed: false });
    for (const a of [onA, onB]) {
      assert.deepEqual(await a.next('chat:settings'), {
        eventId: ev.id,
        slowModeSeconds: 30,
        paused: false,
        linksAllowed: false,
      });
    }
    assert.equal((await send(onA, 'one')).ok, true);
    const slow = await send(onA, 'two');
    assert.equal(slow.ok === false && slow.reason, 'slow-mode');
    assert.ok(slow.ok === false && slow.retryAfterS! > 25 && slow.retryAfterS! <= 30, JSON.stringify(slow));

    await moderation().setSettings(ev.id, { slowModeSeconds: 0, paused: true, linksAllowed: false });
    await announce({ type: 'settings', eventId: ev.id, slowModeSeconds: 0, paused: true, linksAllowed: false });
    assert.deepEqual(await onB.next<ChatSettings>('chat:settings', (x) => x.paused), {
      eventId: ev.id,
      slowModeSeconds: 0,
      paused: true,
      linksAllowed: false,
    });
    assert.deepEqual(await send(onB, 'anyone?'), {
      ok: false,
      reason: 'paused',
      message: 'the moderators have paused the chat',
    });
    const late = await seated(1, ev.id);
    assert.deepEqual(await late.next('chat:settings'), {
      eventId: ev.id,
      slowModeSeconds: 0,
      paused: true,
      linksAllowed: false,
    });
    await moderation().setSettings(ev.id, { slowModeSeconds: 0, paused: false, linksAllowed: false });
    assert.equal((await send(onB, 'we are back')).ok, true);
  });
});
