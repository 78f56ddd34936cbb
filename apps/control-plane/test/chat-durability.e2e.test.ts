import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { CHAT_LIMITS } from '#domain';
import { ChatRoom, SeatLedger, chatKey } from '#seat-ledger';
import { TestDatabase, createTestDatabase, eventually, freePort, testSecrets, uniqueRedisPrefix } from '#test-support';
import { apiClient, deleteKeys } from '#test-support/control-plane-harness';
import { WatchedProcess } from './support/child-process';

// Issue 11, the hard case: the built control plane is killed with SIGKILL in the middle of storing a batch of chat
// messages (it has read them from the event's stream, its INSERT waits on a lock the test holds), messages go on while
// it is gone, and a new control plane on the same database and Redis stores all 1,000, each exactly once.

const MAIN = resolve(__dirname, '../src/main.js');
const REGISTRANTS = 20;
const MESSAGES = 1_000;
const GROUP = 'control-plane';

interface Sent {
  id: string;
  registrantId: string;
  text: string;
}

describe('chat messages when the control plane is killed mid-batch', { timeout: 240_000 }, () => {
  let db: TestDatabase;
  let redis: Redis;
  const processes: WatchedProcess[] = [];
  const prefix = uniqueRedisPrefix('chat-kill');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const env: Record<string, string> = {};

  before(async () => {
    db = await createTestDatabase('chat_kill');
    redis = new Redis(redisUrl);
    Object.assign(env, {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: db.schema,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      ...testSecrets(),
      SMTP_URL: 'smtp://127.0.0.1:9',
      // the same name before and after, as a control plane restarted on its host has
      ATTENDANCE_CONSUMER: 'control-plane-chat-kill',
    });
  });
  after(async () => {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await redis?.quit();
    await deleteKeys(redisUrl, prefix);
    await db?.drop();
  });

  async function startControlPlane(): Promise<{ p: WatchedProcess; url: string }> {
    const port = await freePort();
    const p = WatchedProcess.start(process.execPath, [MAIN], { ...env, PORT: String(port) });
    processes.push(p);
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/health`)).ok, {
      timeout: 90_000,
      interval: 250,
      message: () => `the control plane answering /health\n${p.tail()}`,
    });
    return { p, url };
  }

  async function storedCount(eventId: string): Promise<number> {
    const [row] = await db.db.query<{ n: string }>('SELECT count(*) AS n FROM chat_messages WHERE event_id = $1', [
      eventId,
    ]);
    return Number(row.n);
  }

  async function pending(stream: string): Promise<number> {
    const [n] = (await redis.xpending(stream, GROUP)) as [number];
    return n;
  }

  it('stores all 1,000 messages exactly once after a SIGKILL while a batch was being stored', async () => {
    const first = await startControlPlane();
    const login = await apiClient(first.url).post('/api/auth/login', {
      email: 'ada.lovelace@example.com',
      password: 'demo-organizer-password',
    });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const api = apiClient(first.url, login.body.accessToken as string);
    const created = await api.post('/api/events', {
      title: 'Killed mid-chat',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const eventId: string = created.body.id;
    // the event goes live as ingest takes it live: its presenter's stream key is confirmed
    const live = await fetch(`${first.url}/api/internal/live/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.INTERNAL_API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ streamKey: created.body.streamKey }),
    });
    assert.equal(live.status, 200, await live.text());

    const ledger = new SeatLedger(redis, prefix, { leaseMs: 600_000 });
    const terms = { attendeeLimit: REGISTRANTS, bufferPercent: 0, overagePolicy: 'block' as const, overageCap: null };
    const registrants: string[] = [];
    for (let i = 0; i < REGISTRANTS; i++) {
      const r = await api.post(`/api/events/${eventId}/registrations`, {
        name: `Attendee ${i}`,
        email: `attendee.${i}.${randomUUID()}@example.org`,
        sendInvitation: false,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const seat = await ledger.acquire({ eventId, terms, liveCutoffMs: null }, r.body.id, 'laptop', 'node-a');
      assert.equal(seat.status, 'admitted', JSON.stringify(seat));
      registrants.push(r.body.id);
    }
    // the default limits (3 per registrant per 5 s, 20 per second in the room) would make this take minutes
    const chat = new ChatRoom(redis, prefix, { ...CHAT_LIMITS, perRegistrant: MESSAGES, roomPerSecond: MESSAGES });
    const sent: Sent[] = [];
    const send = async (to: number) => {
      for (let i = sent.length; i < to; i++) {
        const registrantId = registrants[i % registrants.length];
        const text = `message ${i} of ${MESSAGES}`;
        const r = await chat.send(eventId, registrantId, text);
        assert.ok(r.ok, `message ${i}: ${JSON.stringify(r)}`);
        sent.push({ id: r.message.id, registrantId, text });
      }
    };

    await send(100);
    await eventually(async () => assert.equal(await storedCount(eventId), 100), {
      timeout: 30_000,
      interval: 200,
      message: () => `the first 100 messages stored while the control plane runs\n${first.p.tail()}`,
    });

    // the next batch is read but cannot be stored: the test holds a lock the consumer's INSERT waits on
    const stream = chatKey(prefix, eventId, 'stream');
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = db.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE chat_messages IN SHARE MODE');
      locked();
      await released;
    });
    try {
      await isLocked;
      await send(500);
      await eventually(async () => assert.ok((await pending(stream)) > 0, 'entries read and not acknowledged'), {
        timeout: 30_000,
        interval: 100,
        message: () => `the control plane reading a batch it cannot store yet\n${first.p.tail()}`,
      });
      first.p.kill('SIGKILL');
      assert.equal((await first.p.exited).signal, 'SIGKILL');
    } finally {
      release();
      await holding;
    }
    assert.ok((await pending(stream)) > 0, 'the killed control plane left entries pending');
    assert.equal(await storedCount(eventId), 100, 'the batch it was storing did not commit');

    // the chat goes on while no control plane runs
    await send(MESSAGES);

    const second = await startControlPlane();
    await eventually(async () => assert.equal(await storedCount(eventId), MESSAGES), {
      timeout: 60_000,
      interval: 200,
      message: () => `all ${MESSAGES} messages in chat_messages\n${second.p.tail()}`,
    });
    const rows = await db.db.query<{ stream_id: string; registrant_id: string; body: string }>(
      'SELECT stream_id, registrant_id, body FROM chat_messages WHERE event_id = $1',
      [eventId],
    );
    const key = (m: Sent) => `${m.id} ${m.registrantId} ${m.text}`;
    // the same stream ids, authors and texts as sent: none missing, none twice
    assert.equal(new Set(rows.map((r) => r.body)).size, MESSAGES);
    assert.deepEqual(
      rows.map((r) => key({ id: r.stream_id, registrantId: r.registrant_id, text: r.body })).sort(),
      sent.map(key).sort(),
    );
    await eventually(async () => assert.equal(await pending(stream), 0, 'entries pending in the group'), {
      timeout: 30_000,
      interval: 200,
      message: 'every entry acknowledged',
    });
  });
});
