import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventSnapshotKey } from '#contracts';
import {
  Attendee,
  AdmissionCluster,
  joinToken,
  ledgerEventOf,
  liveEvent,
  startAdmissionCluster,
} from '#test-support/admission-cluster';

describe('admission with 2 nodes: the end of a live event', () => {
  let cluster: AdmissionCluster;
  const attendees: Attendee[] = [];
  before(async () => {
    cluster = await startAdmissionCluster('end', { SWEEP_INTERVAL: '250ms' });
  });
  after(async () => {
    for (const a of attendees) a.close();
    await cluster.close();
  });
  const join = (node: number, eventId: string) => {
    const a = new Attendee(cluster.nodes[node].url, { token: joinToken(eventId), eventId, deviceId: 'laptop' });
    attendees.push(a);
    return a;
  };

  it('ends live admission at actual start + the cap (a short test setting) by Redis time and tells every attendee', async () => {
    const [sec, micro] = await cluster.redis.time();
    const redisNow = Number(sec) * 1000 + Math.floor(Number(micro) / 1000);
    const capMs = 4000;
    const ev = liveEvent({}, { actualStartAt: new Date(redisNow).toISOString(), maxDurationMs: capMs });
    await cluster.publishEvent(ev);
    const joined = Array.from({ length: 6 }, (_, i) => join(i % 2, ev.id));
    assert.ok((await Promise.all(joined.map((a) => a.decision))).every((d) => d.status === 'admitted'));
    const told = await Promise.all(
      joined.map((a) => a.next<{ reason: string; message: string }>('ended', () => true, 20_000)),
    );
    assert.ok(told.every((t) => t.reason === 'cap' && /maximum length/.test(t.message)));
    const st = await cluster.ledger.status(ledgerEventOf(ev));
    assert.ok(st.now >= redisNow + capMs, 'ended no earlier than the cap by Redis time');
    assert.deepEqual({ seats: st.seats, ended: st.ended }, { seats: 0, ended: 'cap' });
    // after the cap nobody is admitted to the live stream, on either node
    for (const node of [0, 1]) {
      const late = await join(node, ev.id).decision;
      assert.equal(late.status, 'ended');
    }
  });

  it('tells every attendee when the organizer ends the event; later joins watch the recording on demand', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const joined = Array.from({ length: 6 }, (_, i) => join(i % 2, ev.id));
    assert.ok((await Promise.all(joined.map((a) => a.decision))).every((d) => d.status === 'admitted'));
    await cluster.publishEvent({ ...ev, state: 'ended', endedAt: new Date().toISOString(), version: 2 });
    const told = await Promise.all(joined.map((a) => a.next<{ reason: string }>('ended')));
    assert.ok(told.every((t) => t.reason === 'ended'));
    assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).seats, 0);
    const late = await join(1, ev.id).decision;
    assert.deepEqual([late.status, late.status === 'admitted' && late.phase], ['admitted', 'on-demand']);
    assert.equal((await cluster.ledger.status({ ...ledgerEventOf(ev), phase: 'on-demand' })).seats, 1);
    assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).seats, 0, 'the live phase stays closed');
  });

  it('ends the live phase even when a node missed the announcement (the snapshot is re-read every few seconds)', async () => {
    const ev = liveEvent();
    await cluster.publishEvent(ev);
    const joined = Array.from({ length: 4 }, (_, i) => join(i % 2, ev.id));
    assert.ok((await Promise.all(joined.map((a) => a.decision))).every((d) => d.status === 'admitted'));
    // written without the pub/sub message, as if every node's subscriber had been reconnecting at that moment
    await cluster.redis.set(
      eventSnapshotKey(cluster.prefix, ev.id),
      JSON.stringify({ ...ev, state: 'ended', endedAt: new Date().toISOString(), version: 2 }),
    );
    const told = await Promise.all(joined.map((a) => a.next<{ reason: string }>('ended', () => true, 20_000)));
    assert.ok(told.every((t) => t.reason === 'ended'));
    assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).ended, 'ended');
  });
});
