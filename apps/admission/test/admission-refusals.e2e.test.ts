import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { attachmentMember } from '#seat-ledger';
import { verifyPlaybackToken } from '#tokens';
import {
  Attendee,
  AdmissionCluster,
  ConnectOutcome,
  TEST_PLAYBACK_SECRET,
  joinToken,
  ledgerEventOf,
  liveEvent,
  startAdmissionCluster,
} from '#test-support/admission-cluster';

describe('admission with 2 nodes: devices and bad tokens', () => {
  let cluster: AdmissionCluster;
  const attendees: Attendee[] = [];
  before(async () => {
    cluster = await startAdmissionCluster('refusals', {
      PLAYBACK_TOKEN_TTL: '3s',
      PLAYBACK_REFRESH_INTERVAL: '1s',
      SWEEP_INTERVAL: '250ms',
      COUNT_INTERVAL: '500ms',
      RENEW_INTERVAL: '500ms',
    });
  });
  after(async () => {
    for (const a of attendees) a.close();
    await cluster.close();
  });
  const join = (node: number, eventId: string, token: string, deviceId = 'laptop') => {
    const a = new Attendee(cluster.nodes[node].url, { token, eventId, deviceId });
    attendees.push(a);
    return a;
  };

  it('holds one seat for one join token on 3 devices and refuses a 4th with the reason', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const token = joinToken(ev.id);
    const three = await Promise.all(['laptop', 'phone', 'tablet'].map((d, i) => join(i % 2, ev.id, token, d).decision));
    assert.ok(three.every((d) => d.status === 'admitted'));
    const fourth = await join(1, ev.id, token, 'tv').decision;
    assert.equal(fourth.status, 'refused');
    assert.equal(fourth.status === 'refused' && fourth.reason, 'device-limit');
    assert.match(fourth.status === 'refused' ? fourth.message : '', /at most 3 devices/);
    const st = await cluster.ledger.status(ledgerEventOf(ev));
    assert.deepEqual({ seats: st.seats, attachments: st.attachments }, { seats: 1, attachments: 3 });
  });

  it('refuses tampered, expired, other-event and missing join tokens with a reason', async () => {
    const ev = liveEvent();
    const otherEv = liveEvent();
    await cluster.publishEvent(ev);
    await cluster.publishEvent(otherEv);
    const good = joinToken(ev.id);
    const [h, p, sig] = good.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: randomUUID() }),
    ).toString('base64url');
    const cases: [string, string, string][] = [
      ['tampered payload', `${h}.${forged}.${sig}`, 'token-tampered'],
      ['tampered signature', `${h}.${p}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`, 'token-tampered'],
      ['expired', joinToken(ev.id, randomUUID(), new Date(Date.now() - 8 * 24 * 3600_000)), 'token-expired'],
      ['other event', joinToken(otherEv.id), 'other-event'],
      [
        'wrong secret',
        joinToken(ev.id, randomUUID(), undefined, 'another-secret-0123456789-0123456789-xx'),
        'token-tampered',
      ],
      ['garbage', 'not-a-token', 'token-invalid'],
      ['missing', '', 'token-missing'],
    ];
    for (const [name, token, reason] of cases) {
      const d = (await join(0, ev.id, token).decision) as ConnectOutcome & { reason?: string; message?: string };
      assert.equal(d.status, 'connect_error', name);
      assert.equal(d.reason, reason, name);
      assert.ok(d.message && d.message.length > 5, `${name} has a message`);
    }
    const unknown = (await join(1, randomUUID(), joinToken(randomUUID())).decision) as {
      status: string;
      reason?: string;
    };
    assert.equal(unknown.reason, 'other-event');
    const unknownEvent = randomUUID();
    const noEvent = (await join(1, unknownEvent, joinToken(unknownEvent)).decision) as {
      status: string;
      reason?: string;
    };
    assert.equal(noEvent.reason, 'event-unknown');
    assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).seats, 0);
  });

  it('keeps admitted attendees seated, counted and refreshed through a flood of bad connections', async () => {
    const ev = liveEvent({ attendeeLimit: 20 });
    await cluster.publishEvent(ev);
    const seated = Array.from({ length: 10 }, (_, i) => join(i % 2, ev.id, joinToken(ev.id)));
    assert.ok((await Promise.all(seated.map((a) => a.decision))).every((d) => d.status === 'admitted'));
    const before = seated.map((a) => a.received.filter((r) => r.event === 'playback-token').length);

    const bad = [joinToken(ev.id).slice(0, -3) + 'xyz', 'garbage', joinToken(randomUUID()), ''];
    let refused = 0;
    const flood = (async () => {
      for (let wave = 0; wave < 8; wave++) {
        const wave50 = Array.from({ length: 50 }, (_, i) => join(i % 2, ev.id, bad[i % bad.length]));
        const outcomes = await Promise.all(wave50.map((a) => a.decision));
        refused += outcomes.filter((o) => o.status === 'connect_error').length;
        for (const a of wave50) a.close();
      }
    })();
    // a real attendee still gets in during the flood
    const during = await join(1, ev.id, joinToken(ev.id)).decision;
    await flood;
    assert.equal(refused, 400);
    assert.equal(during.status, 'admitted');

    assert.ok(seated.every((a) => a.socket.connected));
    // each got a fresh token after the flood started; the latest one is valid
    const refreshed = await Promise.all(
      seated.map(async (a, i) => {
        const tokens = () => a.received.filter((r) => r.event === 'playback-token');
        await a.next('playback-token', () => tokens().length > before[i]);
        return tokens().at(-1)!.payload as { playbackToken: string };
      }),
    );
    for (const t of refreshed) assert.ok(verifyPlaybackToken(t.playbackToken, TEST_PLAYBACK_SECRET).ok);
    await Promise.all(seated.map((a) => a.next<{ viewers: number }>('viewers', (v) => v.viewers === 11)));
    assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).seats, 11);
  });

  it('stops refreshing the playback token of an attendee whose seat is gone, and tells them', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const registrantId = randomUUID();
    const a = join(0, ev.id, joinToken(ev.id, registrantId));
    // a neighbour on the same node keeps its seat: its refreshes show the node's refresh rounds going on
    const neighbour = join(0, ev.id, joinToken(ev.id));
    assert.equal((await a.decision).status, 'admitted');
    assert.equal((await neighbour.decision).status, 'admitted');
    await a.next('playback-token');
    // the seat disappears behind the node's back (as when its lease lapsed during a partition)
    await cluster.ledger.release(ledgerEventOf(ev), attachmentMember(registrantId, 'laptop'), 'lapsed');
    const lost = await a.next<{ reason: string }>('lost');
    assert.equal(lost.reason, 'lapsed');
    const tokens = (x: Attendee) => x.received.filter((r) => r.event === 'playback-token').length;
    const tokensAtLoss = tokens(a);
    // two more refreshes of the neighbour: a refresh of the lost attendee would have been due by the first
    const neighbourAtLoss = tokens(neighbour);
    await neighbour.next('playback-token', () => tokens(neighbour) >= neighbourAtLoss + 2);
    assert.equal(tokens(a), tokensAtLoss, 'no refresh after the seat is gone');
    assert.equal(a.socket.connected, false);
  });
});
