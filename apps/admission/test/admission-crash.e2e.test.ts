import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { attachmentMember, eventLedgerBase } from '#seat-ledger';
import { eventually } from '#test-support';
import {
  Attendee,
  AdmissionCluster,
  joinToken,
  ledgerEventOf,
  liveEvent,
  startAdmissionCluster,
} from '#test-support/admission-cluster';

const LEASE_TTL_MS = 4000;

describe('admission with 2 nodes: a node dies', () => {
  let cluster: AdmissionCluster;
  const attendees: Attendee[] = [];
  before(async () => {
    cluster = await startAdmissionCluster('crash', {
      LEASE_TTL: `${LEASE_TTL_MS}ms`,
      LEASE_TTL_MS: String(LEASE_TTL_MS),
      RENEW_INTERVAL: '500ms',
      SWEEP_INTERVAL: '250ms',
      // well past the lease TTL, so a detached device's lease (now + grace) is told apart from a renewed one
      RECONNECT_GRACE: '8s',
    });
  });
  after(async () => {
    for (const a of attendees) a.close();
    await cluster.close();
  });
  const join = (node: number, eventId: string, deviceId = 'laptop', token = joinToken(eventId)) => {
    const a = new Attendee(cluster.nodes[node].url, { token, eventId, deviceId });
    attendees.push(a);
    return a;
  };

  it('frees the seats of a node killed with SIGKILL after the lease TTL, admits the waiting room on the other node, never over the limit', async () => {
    const ev = liveEvent({ attendeeLimit: 100, overagePolicy: 'block' });
    await cluster.publishEvent(ev);
    const onA = Array.from({ length: 50 }, () => join(0, ev.id));
    assert.ok((await Promise.all(onA.map((a) => a.decision))).every((d) => d.status === 'admitted'));
    const seatedOnB = Array.from({ length: 60 }, () => join(1, ev.id));
    assert.ok((await Promise.all(seatedOnB.map((a) => a.decision))).every((d) => d.status === 'admitted'));
    const waitingOnB: Attendee[] = [];
    for (let i = 0; i < 20; i++) {
      const a = join(1, ev.id);
      waitingOnB.push(a);
      assert.equal((await a.decision).status, 'waiting');
    }

    // sample the ledger throughout: it must never hold more than L + buffer seats
    let sampling = true;
    const samples: number[] = [];
    const sampler = (async () => {
      while (sampling) {
        samples.push((await cluster.ledger.status(ledgerEventOf(ev))).seats);
        await sleep(50);
      }
    })();

    await cluster.nodes[0].stop('SIGKILL');
    const justAfter = await cluster.ledger.status(ledgerEventOf(ev));
    assert.equal(justAfter.seats, 110, "the dead node's leases still run");

    const promoted = await Promise.all(
      waitingOnB.map((a) => a.next<{ status: string }>('decision', (d) => d.status === 'admitted', 30_000)),
    );
    assert.equal(promoted.length, 20);
    sampling = false;
    await sampler;

    const st = await cluster.ledger.status(ledgerEventOf(ev));
    assert.deepEqual({ seats: st.seats, waiting: st.waiting }, { seats: 80, waiting: 0 });
    assert.ok(samples.length > 10, `sampled ${samples.length} times`);
    assert.ok(Math.max(...samples) <= 110, `max sampled seats ${Math.max(...samples)}`);
    assert.ok(samples.includes(110));
    // none of the dead node's devices is left in the ledger
    const nodes = await cluster.redis.hvals(`${cluster.prefix}:{evt:${ev.id}}:node`);
    assert.ok(!nodes.includes(cluster.nodes[0].name));
    // the survivors still hold their seats (their node kept renewing)
    assert.ok(seatedOnB.every((a) => a.socket.connected));
  });

  it('keeps the seat of a device that reconnects to the other node within the grace', async () => {
    const ev = liveEvent({ attendeeLimit: 1, bufferPercent: 0, overagePolicy: 'block' });
    await cluster.publishEvent(ev);
    const registrantId = randomUUID();
    const token = joinToken(ev.id, registrantId);
    const first = join(1, ev.id, 'phone', token);
    assert.equal((await first.decision).status, 'admitted');
    first.close();
    // the node saw the drop once the device's lease runs for the grace instead of the lease TTL
    await eventually(
      async () => {
        const [expiry, [s, us]] = await Promise.all([
          cluster.redis.zscore(
            `${eventLedgerBase(cluster.prefix, ev.id)}:att`,
            attachmentMember(registrantId, 'phone'),
          ),
          cluster.redis.time(),
        ]);
        assert.ok(Number(expiry) > Number(s) * 1000 + Number(us) / 1000 + LEASE_TTL_MS, `lease runs until ${expiry}`);
      },
      { message: 'the node detaching the dropped device for the reconnect grace' },
    );
    // someone else asks meanwhile: the seat is still held for the grace
    const other = join(1, ev.id);
    assert.equal((await other.decision).status, 'waiting');
    const back = await join(1, ev.id, 'phone', token).decision;
    assert.equal(back.status, 'admitted');
    assert.equal(back.status === 'admitted' && back.reattached, true);
    assert.equal((await cluster.ledger.status(ledgerEventOf(ev))).seats, 1);
  });
});
