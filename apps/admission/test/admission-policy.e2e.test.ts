import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { overageFeeCents } from '#domain';
import { verifyPlaybackToken } from '#tokens';
import { attendanceStreamKey } from '#seat-ledger';
import {
  Attendee,
  AdmissionCluster,
  TEST_PLAYBACK_SECRET,
  joinToken,
  ledgerEventOf,
  liveEvent,
  startAdmissionCluster,
} from '#test-support/admission-cluster';

// 150 attendees joining at once, alternately through two real node processes sharing one Redis ledger.
describe('admission with 2 nodes: buffer, overage and the waiting room', () => {
  let cluster: AdmissionCluster;
  const attendees: Attendee[] = [];
  before(async () => {
    cluster = await startAdmissionCluster('policy', { SWEEP_INTERVAL: '300ms', COUNT_INTERVAL: '500ms' });
  });
  after(async () => {
    for (const a of attendees) a.close();
    await cluster.close();
  });

  const joinAll = (eventId: string, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const a = new Attendee(cluster.nodes[i % 2].url, { token: joinToken(eventId), eventId, deviceId: 'laptop' });
      attendees.push(a);
      return a;
    });

  it('limit 100, policy bill: exactly 100 included, 10 buffer, 40 overage; peak overage 40; fee 40 x rate', async () => {
    const ev = liveEvent({ attendeeLimit: 100, overagePolicy: 'bill' }, { overageRateCents: 375 });
    await cluster.publishEvent(ev);
    const decisions = await Promise.all(joinAll(ev.id, 150).map((a) => a.decision));
    const tiers = decisions.map((d) => (d.status === 'admitted' ? d.tier : d.status));
    assert.deepEqual(
      {
        included: tiers.filter((t) => t === 'included').length,
        buffer: tiers.filter((t) => t === 'buffer').length,
        overage: tiers.filter((t) => t === 'overage').length,
      },
      { included: 100, buffer: 10, overage: 40 },
    );
    const st = await cluster.ledger.status(ledgerEventOf(ev));
    assert.equal(st.seats, 150);
    assert.equal(st.peakOverage, 40);
    assert.equal(overageFeeCents(st.peakConcurrent, 100, 10, ev.overageRateCents), 40 * 375);
    // every admitted attendee holds a playback token for this event only
    for (const d of decisions) {
      assert.equal(d.status, 'admitted');
      if (d.status !== 'admitted') continue;
      const check = verifyPlaybackToken(d.playbackToken, TEST_PLAYBACK_SECRET);
      assert.ok(check.ok && check.claims.scope.kind === 'event' && check.claims.scope.id === ev.id);
    }
  });

  it('limit 100, policy block: 110 admitted, 40 waiting at 1..40; when 5 leave the first 5 waiting are admitted in order', async () => {
    const ev = liveEvent({ attendeeLimit: 100, overagePolicy: 'block' });
    await cluster.publishEvent(ev);
    const joined = joinAll(ev.id, 150);
    const decisions = await Promise.all(joined.map((a) => a.decision));
    const admitted = joined.filter((_, i) => decisions[i].status === 'admitted');
    const waiting = joined
      .map((a, i) => ({ a, d: decisions[i] }))
      .filter((x) => x.d.status === 'waiting')
      .sort((x, y) => (x.d.status === 'waiting' && y.d.status === 'waiting' ? x.d.position - y.d.position : 0));
    assert.equal(admitted.length, 110);
    assert.deepEqual(
      waiting.map((x) => (x.d.status === 'waiting' ? x.d.position : 0)),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );

    // 5 admitted attendees (on both nodes) leave
    for (const a of admitted.slice(0, 5)) await a.leave();
    const promoted = await Promise.all(
      waiting
        .slice(0, 5)
        .map((x) => x.a.next<{ status: string; promoted?: boolean }>('decision', (d) => d.status === 'admitted')),
    );
    assert.ok(promoted.every((d) => d.promoted === true));
    // the rest moved up by five: the old 6th is now first
    const sixth = await waiting[5].a.next<{ position: number }>('position', (p) => p.position === 1);
    assert.equal(sixth.position, 1);
    const last = await waiting[39].a.next<{ position: number }>('position', (p) => p.position === 35);
    assert.equal(last.position, 35);
    const st = await cluster.ledger.status(ledgerEventOf(ev));
    assert.deepEqual(
      { seats: st.seats, waiting: st.waiting, peak: st.peakConcurrent },
      { seats: 110, waiting: 35, peak: 110 },
    );
    // in order: the ledger's attendance log shows the promoted joins in waiting order
    const log = await cluster.redis.xrange(attendanceStreamKey(cluster.prefix, ev.id), '-', '+');
    const promotedRegs = log
      .map(([, f]) => f)
      .filter((f) => f[1] === ev.id && f[3] === 'join')
      .slice(110)
      .map((f) => f[5]);
    const waitingRegs = waiting.slice(0, 5).map((x) => regOf(x.a));
    assert.deepEqual(promotedRegs, waitingRegs);
  });

  it('limit 10, policy bill with an overage cap of 2: 11 free + 2 billable seats, the rest wait until one frees', async () => {
    const ev = liveEvent({ attendeeLimit: 10, overagePolicy: 'bill', overageCap: 2 });
    await cluster.publishEvent(ev);
    const joined = joinAll(ev.id, 16);
    const decisions = await Promise.all(joined.map((a) => a.decision));
    const count = (t: string) => decisions.filter((d) => (d.status === 'admitted' ? d.tier : d.status) === t).length;
    assert.deepEqual([count('included'), count('buffer'), count('overage'), count('waiting')], [10, 1, 2, 3]);
    const first = joined.find((_, i) => decisions[i].status === 'admitted')!;
    const head = joined.find(
      (_, i) => decisions[i].status === 'waiting' && (decisions[i] as { position: number }).position === 1,
    )!;
    await first.leave();
    const promoted = await head.next<{ status: string; tier: string }>('decision', (d) => d.status === 'admitted');
    assert.equal(promoted.tier, 'overage', 'the 13th concurrent seat is billable');
    const st = await cluster.ledger.status(ledgerEventOf(ev));
    assert.deepEqual(
      { seats: st.seats, waiting: st.waiting, peakOverage: st.peakOverage },
      { seats: 13, waiting: 2, peakOverage: 2 },
    );
  });

  it('counts decisions and refusals in /metrics and answers /health on each node', async () => {
    for (const node of cluster.nodes) {
      const health = await fetch(`${node.url}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', checks: { redis: 'up' } });
      const text = await (await fetch(`${node.url}/metrics`)).text();
      assert.match(text, /admission_decisions_total\{decision="admitted"\} \d+/);
      assert.match(text, /admission_decision_seconds_bucket/);
    }
  });

  it('sends every attendee the viewer count of the whole event, across nodes', async () => {
    const ev = liveEvent({ attendeeLimit: 10 });
    await cluster.publishEvent(ev);
    const joined = joinAll(ev.id, 6);
    await Promise.all(joined.map((a) => a.decision));
    const counts = await Promise.all(joined.map((a) => a.next<{ viewers: number }>('viewers', (v) => v.viewers === 6)));
    assert.ok(counts.every((c) => c.viewers === 6));
  });
});

function regOf(a: Attendee): string {
  const token = (a.socket.auth as { token: string }).token;
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;
}
