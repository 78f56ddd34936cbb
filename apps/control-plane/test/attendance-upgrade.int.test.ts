import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Database, openDatabase } from '#database';
import { attendanceEventsKey, attendanceStreamKey, sharedAttendanceStreamKey } from '#seat-ledger';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';
import { eventually } from '#test-support';
import { ControlPlane, createControlPlane } from '../src/create-control-plane';
import { AttendanceRepository } from '../src/attendance/attendance.repository';

// An upgrade from the release whose ledgers wrote one shared attendance stream: what is still in it (read by the old
// control plane and never acknowledged, or stored and not yet acknowledged) reaches the log exactly once, next to
// what the new ledgers write to the event's own stream, even where the two streams gave the same entry ids.
describe('attendance across the upgrade from the shared stream to per-event streams', () => {
  let h: ControlPlaneHarness;
  let restarted: ControlPlane | undefined;
  let redis: Redis;
  let db: Database;

  before(async () => {
    h = await startControlPlane();
    redis = new Redis(h.config.REDIS_URL);
    // the control plane's own connection closes with it; this one outlives the restart
    db = await openDatabase({ url: h.config.DATABASE_URL, schema: h.config.DATABASE_SCHEMA });
  });
  after(async () => {
    await restarted?.close();
    await db?.close();
    await h?.close();
    const keys = await redis.keys(`${h.config.REDIS_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('stores every entry of both streams once, and leaves nothing pending', async () => {
    const seeded = await h.seed();
    const created = await h.api(seeded.organizer.token).post('/api/events', {
      title: 'Upgrade night',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const eventId: string = created.body.id;
    await h.controlPlane.close();

    const prefix = h.config.REDIS_PREFIX;
    const shared = sharedAttendanceStreamKey(prefix);
    const own = attendanceStreamKey(prefix, eventId);
    const [ada, bob, cyd] = [randomUUID(), randomUUID(), randomUUID()];
    const t = Date.now() - 60_000;
    // the fields as the ledger's Lua writes them
    const entry = (reg: string, kind: 'join' | 'leave', edge: string, at: number, seats: number) => [
      ...['evt', eventId, 'kind', kind, 'reg', reg, 'dev', 'laptop', 'node', 'old-node', 'tier', 'included'],
      ...['at', String(at), 'seats', String(seats), 'edge', edge, 'reason', kind === 'leave' ? 'left' : ''],
      ...['phase', 'live'],
    ];
    // the old release: three entries in the shared stream; the old control plane stored the first and read the
    // second, and died before acknowledging either
    await redis.xadd(shared, `${t}-0`, ...entry(ada, 'join', 'open', t, 1));
    await redis.xadd(shared, `${t}-1`, ...entry(bob, 'join', 'open', t, 2));
    await redis.xadd(shared, `${t + 1000}-0`, ...entry(ada, 'leave', 'close', t + 1000, 1));
    await redis.xgroup('CREATE', shared, 'control-plane', '0');
    await redis.xreadgroup('GROUP', 'control-plane', h.config.ATTENDANCE_CONSUMER, 'COUNT', 2, 'STREAMS', shared, '>');
    const repository = new AttendanceRepository(db);
    await repository.append([
      {
        streamId: `${t}-0`,
        stream: 'shared',
        eventId,
        registrantId: ada,
        deviceId: 'laptop',
        node: 'old-node',
        kind: 'join',
        tier: 'included',
        at: t,
        seats: 1,
        edge: 'open',
        reason: '',
        phase: 'live',
      },
    ]);
    // the new release, meanwhile: the event's own stream, with ids the shared stream used too
    await redis.sadd(attendanceEventsKey(prefix), eventId);
    await redis.xadd(own, `${t}-1`, ...entry(cyd, 'join', 'open', t, 3));
    await redis.xadd(own, `${t + 1000}-0`, ...entry(bob, 'leave', 'close', t + 1000, 2));

    restarted = await createControlPlane({ ...h.config, PORT: 0 });
    const log = await eventually(
      async () => {
        const rows = await repository.listByEvent(eventId);
        assert.equal(rows.length, 5, 'entries in the log');
        return rows;
      },
      { timeout: 15_000, interval: 100, message: 'both streams in the log' },
    );
    const line = (r: (typeof log)[number]) => [r.stream, r.streamId, r.registrantId, r.kind].join(' ');
    assert.deepEqual(
      log.map(line).sort(),
      [
        `event ${t + 1000}-0 ${bob} leave`,
        `event ${t}-1 ${cyd} join`,
        `shared ${t + 1000}-0 ${ada} leave`,
        `shared ${t}-0 ${ada} join`,
        `shared ${t}-1 ${bob} join`,
      ].sort(),
    );
    await eventually(
      async () => {
        for (const key of [shared, own]) {
          assert.equal(await redis.xlen(key), 0, `${key} drained`);
          const [pending] = (await redis.xpending(key, 'control-plane')) as [number, ...unknown[]];
          assert.equal(pending, 0, `${key} has nothing pending`);
        }
      },
      { timeout: 5000, interval: 100, message: 'both streams acknowledged and deleted' },
    );
  });
});
