import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { PostgresDatabase } from '#database';
import { CHAT_LIMITS } from '#domain';
import { ChatRoom, SeatLedger, chatKey } from '#seat-ledger';
import { TEST_DATABASE_URL, eventually } from '#test-support';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';
import { EventsService } from '../src/events/events.service';

// Issue 11: the chat of a live event goes on while the control plane is down (admission writes the event's chat
// stream), and once a control plane is back PostgreSQL holds every message exactly once, including entries a control
// plane had read but not stored when it went away: its own (read again at start) and those of a control plane of
// another name that never came back (claimed once idle).

const REGISTRANTS = 20;
const MESSAGES = 1_000;
const GROUP = 'control-plane';

interface Sent {
  id: string;
  registrantId: string;
  text: string;
}

describe('chat messages survive a control plane that is down', { timeout: 180_000 }, () => {
  let h: ControlPlaneHarness;
  let redis: Redis;
  // a connection of the test's own: the control plane's closes with it
  let sql: PostgresDatabase;
  before(async () => {
    // entries another control plane left pending are taken over once this idle (production: a minute)
    h = await startControlPlane({ ATTENDANCE_CLAIM_IDLE: 1_000 });
    redis = new Redis(h.config.REDIS_URL);
    sql = new PostgresDatabase(TEST_DATABASE_URL, h.config.DATABASE_SCHEMA, 1);
  });
  after(async () => {
    await redis?.quit();
    await sql?.close();
    await h?.close();
  });

  /** A live event (of an account of its own) with REGISTRANTS registrants, each seated as admission would. */
  async function liveEventWithSeats(): Promise<{ eventId: string; registrants: string[] }> {
    const customer = await h.seed({ attendeeLimit: REGISTRANTS });
    const api = h.api(customer.organizer.token);
    const created = await api.post('/api/events', {
      title: 'A busy chat',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'live',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const eventId: string = created.body.id;
    await h.controlPlane.app.get(EventsService).markLive(eventId);
    const ledger = new SeatLedger(redis, h.config.REDIS_PREFIX, { leaseMs: 600_000 });
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
    return { eventId, registrants };
  }

  // the per-registrant limit of 3 per 5 s and the room's 20 per second would make 1,000 messages take minutes;
  // raised here so the test sends them at once (the script still checks every message: seated, not banned)
  const room = () =>
    new ChatRoom(redis, h.config.REDIS_PREFIX, { ...CHAT_LIMITS, perRegistrant: MESSAGES, roomPerSecond: MESSAGES });

  /** Sends messages `from`..`to`-1 round the registrants; every one must be accepted. */
  async function send(eventId: string, registrants: string[], from: number, to: number): Promise<Sent[]> {
    const chat = room();
    const sent: Sent[] = [];
    for (let i = from; i < to; i++) {
      const registrantId = registrants[i % registrants.length];
      const text = `message ${i} of ${MESSAGES}`;
      const r = await chat.send(eventId, registrantId, text);
      assert.ok(r.ok, `message ${i}: ${JSON.stringify(r)}`);
      sent.push({ id: r.message.id, registrantId, text });
    }
    return sent;
  }

  async function storedCount(eventId: string): Promise<number> {
    const [row] = await sql.query<{ n: string }>('SELECT count(*) AS n FROM chat_messages WHERE event_id = $1', [
      eventId,
    ]);
    return Number(row.n);
  }

  /** What PostgreSQL holds must be exactly what was sent: the same stream ids, authors and texts, none twice. */
  async function assertStoredExactly(eventId: string, sent: Sent[]): Promise<void> {
    await eventually(async () => assert.equal(await storedCount(eventId), sent.length), {
      timeout: 60_000,
      interval: 200,
      message: `all ${sent.length} messages in chat_messages`,
    });
    const [counts] = await sql.query<{ n: string; ids: string; texts: string }>(
      `SELECT count(*) AS n, count(DISTINCT stream_id) AS ids, count(DISTINCT body) AS texts
       FROM chat_messages WHERE event_id = $1`,
      [eventId],
    );
    assert.deepEqual(
      { rows: Number(counts.n), streamIds: Number(counts.ids), texts: Number(counts.texts) },
      { rows: sent.length, streamIds: sent.length, texts: sent.length },
    );
    const rows = await sql.query<{ stream_id: string; registrant_id: string; body: string }>(
      'SELECT stream_id, registrant_id, body FROM chat_messages WHERE event_id = $1',
      [eventId],
    );
    const key = (m: { id: string; registrantId: string; text: string }) => `${m.id} ${m.registrantId} ${m.text}`;
    assert.deepEqual(
      rows.map((r) => key({ id: r.stream_id, registrantId: r.registrant_id, text: r.body })).sort(),
      sent.map(key).sort(),
    );
    // and Redis has nothing left that a control plane read without storing
    const stream = chatKey(h.config.REDIS_PREFIX, eventId, 'stream');
    await eventually(
      async () => {
        const [pending] = (await redis.xpending(stream, GROUP)) as [number];
        assert.equal(pending, 0, 'entries pending in the group');
      },
      { timeout: 30_000, interval: 200, message: 'every entry acknowledged' },
    );
  }

  /** The first messages go in while the control plane runs (its group then exists), as in a real event. */
  async function chatWhileRunning(eventId: string, registrants: string[], count: number): Promise<Sent[]> {
    const sent = await send(eventId, registrants, 0, count);
    await eventually(async () => assert.equal(await storedCount(eventId), count), {
      timeout: 30_000,
      interval: 200,
      message: `the first ${count} messages stored while the control plane runs`,
    });
    return sent;
  }

  it('stores all 1,000 messages once when the control plane was stopped and restarted during them', async () => {
    const { eventId, registrants } = await liveEventWithSeats();
    const before = await chatWhileRunning(eventId, registrants, 100);

    await h.stop();
    const during = await send(eventId, registrants, 100, MESSAGES);
    // as if the control plane had read these just before it died, without storing or acknowledging them
    const stream = chatKey(h.config.REDIS_PREFIX, eventId, 'stream');
    const inFlight = (await redis.xreadgroup(
      'GROUP',
      GROUP,
      h.config.ATTENDANCE_CONSUMER,
      'COUNT',
      300,
      'STREAMS',
      stream,
      '>',
    )) as [string, unknown[]][];
    assert.equal(inFlight[0][1].length, 300);
    assert.equal(await storedCount(eventId), 100, 'nothing stored while the control plane is down');

    await h.restart();
    await assertStoredExactly(eventId, [...before, ...during]);
  });

  it('takes over the messages a control plane of another name read and never stored', async () => {
    const { eventId, registrants } = await liveEventWithSeats();
    const before = await chatWhileRunning(eventId, registrants, 100);

    await h.stop();
    const during = await send(eventId, registrants, 100, MESSAGES);
    // another host's control plane read these and died with them; it never comes back under that name
    const stream = chatKey(h.config.REDIS_PREFIX, eventId, 'stream');
    const inFlight = (await redis.xreadgroup(
      'GROUP',
      GROUP,
      'control-plane-of-a-host-that-is-gone',
      'COUNT',
      400,
      'STREAMS',
      stream,
      '>',
    )) as [string, unknown[]][];
    assert.equal(inFlight[0][1].length, 400);

    await h.restart({ ATTENDANCE_CONSUMER: `control-plane-new-host-${randomUUID()}` });
    await assertStoredExactly(eventId, [...before, ...during]);
  });
});
