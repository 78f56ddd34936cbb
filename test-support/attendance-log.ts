import type { Database } from '#database';
import { type SeatTier, tierForSeat } from '#domain';
import type { AdmissionPhase } from '#seat-ledger';
import { AttendanceRepository, StoredAttendance } from '#control-plane';

// Attendance logs for tests and benchmarks, written the way the control plane's consumer writes admission's stream
// (AttendanceRepository.append: the log and the per-event peak), so reports, series and usage read them as real ones.

export interface LogLine {
  registrantId: string;
  kind: 'join' | 'leave';
  /** 'open' when the registrant takes a seat, 'close' when it frees it, '' for a further device. */
  edge: 'open' | 'close' | '';
  at: number;
  /** Seats held right after this change. */
  seats: number;
  deviceId?: string;
  tier?: SeatTier;
  phase?: AdmissionPhase;
  reason?: string;
}

/** Appends log lines of one event (stream ids made up in the stream's own `<ms>-<seq>` form). */
export async function appendAttendance(db: Database, eventId: string, lines: LogLine[]): Promise<void> {
  let seq = 0;
  const entries: StoredAttendance[] = lines.map((l) => ({
    streamId: `${l.at}-${seq++}`,
    stream: 'event',
    eventId,
    registrantId: l.registrantId,
    deviceId: l.deviceId ?? 'browser',
    node: 'admission-test',
    kind: l.kind,
    tier: l.tier ?? 'included',
    edge: l.edge,
    reason: l.reason ?? '',
    at: l.at,
    seats: l.seats,
    phase: l.phase ?? 'live',
  }));
  const repository = new AttendanceRepository(db);
  for (let i = 0; i < entries.length; i += 5000) await repository.append(entries.slice(i, i + 5000));
}

/** Puts an event in the state a run leaves it in: live since `actualStartAt`, or ended at `endedAt`. */
export async function setEventRun(
  db: Database,
  eventId: string,
  run: { actualStartAt: Date; endedAt?: Date | null },
): Promise<void> {
  await db.query(
    `UPDATE events SET state = $2, actual_start_at = $3, ended_at = $4, end_reason = $5, version = version + 1
     WHERE id = $1`,
    [
      eventId,
      run.endedAt ? 'ended' : 'live',
      run.actualStartAt,
      run.endedAt ?? null,
      run.endedAt ? 'presenter-stopped' : null,
    ],
  );
}

export interface SeededAttendance {
  from: Date;
  to: Date;
  /** Log lines written (joins and leaves of every device). */
  lines: number;
  /** Seats opened: one per attendee session. */
  sessions: number;
  peak: { at: Date; concurrent: number };
}

export interface SeedAttendanceOptions {
  attendees: number;
  hours: number;
  /** Actual start of the event; default its scheduled start. */
  from?: Date;
  /** The event's limit and buffer, for the tier each seat is logged with; default 5000 and 10 %. */
  attendeeLimit?: number;
  bufferPercent?: number;
  /** Registrations for every attendee too (names and e-mails in the report); default true. */
  registrations?: boolean;
  /** Seed of the pseudo-random schedule: the same seed gives the same log. */
  seed?: number;
}

/**
 * A realistic, deterministic attendance log for an ended event: most attendees arrive in the first quarter hour, a
 * third come back for a second session, one in ten watches on a second device for a while, everyone left has their
 * seat freed at the end. About 2.7 lines per attendee: 5,000 attendees give some 13,000 lines. The event becomes
 * `ended` after `hours` from `from`. Answers the exact peak, computed here by replaying the log in order.
 */
export async function seedAttendanceLog(
  db: Database,
  eventId: string,
  o: SeedAttendanceOptions,
): Promise<SeededAttendance> {
  const from =
    o.from ??
    new Date(
      (await db.query<{ starts_at: Date }>('SELECT starts_at FROM events WHERE id = $1', [eventId]))[0].starts_at,
    );
  const start = from.getTime();
  const end = start + Math.round(o.hours * 3_600_000);
  const random = mulberry32(o.seed ?? 42);
  const between = (a: number, b: number) => a + Math.floor(random() * Math.max(1, b - a));
  type Change = Omit<LogLine, 'seats' | 'tier'> & { order: number };
  const changes: Change[] = [];
  const registrants: string[] = [];
  let order = 0;
  const push = (c: Omit<Change, 'order'>) => changes.push({ ...c, order: order++ });
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
  for (let i = 0; i < o.attendees; i++) {
    // ids from the same generator: the same seed gives the same log, registrants included
    const reg = `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
    registrants.push(reg);
    const arrive = random() < 0.7 ? between(start, start + 15 * 60_000) : between(start, end - 60_000);
    const leave = random() < 0.6 ? between(arrive + 60_000, end) : end;
    push({ registrantId: reg, kind: 'join', edge: 'open', at: arrive, deviceId: 'browser' });
    if (random() < 0.1 && leave - arrive > 120_000) {
      const on = between(arrive + 1, leave - 60_000);
      push({ registrantId: reg, kind: 'join', edge: '', at: on, deviceId: 'phone' });
      push({
        registrantId: reg,
        kind: 'leave',
        edge: '',
        at: between(on + 1, leave),
        deviceId: 'phone',
        reason: 'left',
      });
    }
    push({
      registrantId: reg,
      kind: 'leave',
      edge: 'close',
      at: leave,
      deviceId: 'browser',
      reason: leave === end ? 'ended' : 'left',
    });
    if (leave < end - 30 * 60_000 && random() < 1 / 3) {
      const back = between(leave + 60_000, end - 60_000);
      push({ registrantId: reg, kind: 'join', edge: 'open', at: back, deviceId: 'browser' });
      push({ registrantId: reg, kind: 'leave', edge: 'close', at: end, deviceId: 'browser', reason: 'ended' });
    }
  }
  changes.sort((a, b) => a.at - b.at || a.order - b.order);
  const terms = {
    attendeeLimit: o.attendeeLimit ?? 5000,
    bufferPercent: o.bufferPercent ?? 10,
    overagePolicy: 'bill' as const,
    overageCap: null,
  };
  let seats = 0;
  let peak = { at: start, concurrent: 0 };
  const tiers = new Map<string, SeatTier>();
  const lines: LogLine[] = changes.map(({ order: _, ...c }) => {
    if (c.edge === 'open') {
      seats++;
      const tier = tierForSeat(seats, terms);
      tiers.set(c.registrantId, tier === 'wait' ? 'overage' : tier);
      if (seats > peak.concurrent) peak = { at: c.at, concurrent: seats };
    }
    if (c.edge === 'close') seats--;
    return { ...c, seats, tier: tiers.get(c.registrantId) ?? 'included' };
  });
  if (o.registrations ?? true) await registerAll(db, eventId, registrants);
  await appendAttendance(db, eventId, lines);
  await setEventRun(db, eventId, { actualStartAt: from, endedAt: new Date(end) });
  return {
    from,
    to: new Date(end),
    lines: lines.length,
    sessions: lines.filter((l) => l.edge === 'open').length,
    peak: { at: new Date(peak.at), concurrent: peak.concurrent },
  };
}

async function registerAll(db: Database, eventId: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const params: unknown[] = [];
    const values = chunk.map((id, k) => {
      params.push(id, eventId, `Attendee ${i + k + 1}`, `attendee.${i + k + 1}@example.org`);
      const b = params.length - 4;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4})`;
    });
    await db.query(`INSERT INTO registrations (id, event_id, name, email) VALUES ${values.join(', ')}`, params);
  }
}

// A small, fast, seedable generator: the same seed gives the same log on every machine.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
