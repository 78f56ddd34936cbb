import type { Redis } from 'ioredis';
import type { AdmissionTerms, SeatTier } from '#domain';
import { MAX_DEVICES_PER_SEAT } from '#domain';
import { AdmissionPhase, attendanceEventsKey, attendanceStreamKey, eventLedgerBase } from './ledger-keys';
import {
  ACQUIRE_LUA,
  DETACH_LUA,
  END_LUA,
  HEAL_LUA,
  POSITIONS_LUA,
  RELEASE_LUA,
  RENEW_LUA,
  STATUS_LUA,
  SWEEP_LUA,
  TIER_PROBE_LUA,
} from './ledger-lua';

/** What the ledger needs to know about an event for a decision: its terms and when live admission stops. */
export interface LedgerEvent {
  eventId: string;
  terms: AdmissionTerms;
  /** Actual start + cap in ms since the epoch (Redis time), or null when there is no live cap (on demand). */
  liveCutoffMs: number | null;
  /** Watching live, or on demand (an on-demand event, or a live event's recording): each phase has seats of its own. */
  phase?: AdmissionPhase;
}

export interface Released {
  registrantId: string;
  deviceId: string;
  node: string;
}

export interface Promoted {
  registrantId: string;
  tier: SeatTier;
}

export interface LedgerChanges {
  released: Released[];
  promoted: Promoted[];
  /** Redis time of the decision (ms). */
  now: number;
}

export type AcquireResult = LedgerChanges &
  (
    | { status: 'admitted'; tier: SeatTier; reattached?: boolean }
    | { status: 'waiting'; position: number; reattached?: boolean }
    | { status: 'refused'; reason: 'device-limit' }
    | { status: 'ended'; reason: string }
  );

export interface LedgerStatus {
  seats: number;
  waiting: number;
  attachments: number;
  peakConcurrent: number;
  peakOverage: number;
  held: Record<SeatTier, number>;
  joins: number;
  ended: string | null;
  now: number;
}

type Head = [string, ...(string | number)[]];

interface LedgerCommands {
  seatAcquire(base: string, stream: string, ...argv: (string | number)[]): Promise<string>;
  seatRelease(base: string, stream: string, ...argv: (string | number)[]): Promise<string>;
  seatSweep(base: string, stream: string, ...argv: (string | number)[]): Promise<string>;
  seatEnd(base: string, stream: string, ...argv: (string | number)[]): Promise<string>;
  seatRenew(base: string, ...argv: (string | number)[]): Promise<string>;
  seatDetach(base: string, ...argv: (string | number)[]): Promise<string>;
  seatHeal(base: string, ...argv: (string | number)[]): Promise<string>;
  seatPositions(base: string, ...argv: (string | number)[]): Promise<string>;
  seatStatus(base: string, ...argv: (string | number)[]): Promise<string>;
  seatTierProbe(...argv: (string | number)[]): Promise<string[]>;
}

/** The scripts that may log attendance take the ledger base and the event's stream; the others only the base. */
const SCRIPTS: Record<Exclude<keyof LedgerCommands, 'seatTierProbe'>, { lua: string; numberOfKeys: 1 | 2 }> = {
  seatAcquire: { lua: ACQUIRE_LUA, numberOfKeys: 2 },
  seatRelease: { lua: RELEASE_LUA, numberOfKeys: 2 },
  seatSweep: { lua: SWEEP_LUA, numberOfKeys: 2 },
  seatEnd: { lua: END_LUA, numberOfKeys: 2 },
  seatRenew: { lua: RENEW_LUA, numberOfKeys: 1 },
  seatDetach: { lua: DETACH_LUA, numberOfKeys: 1 },
  seatHeal: { lua: HEAL_LUA, numberOfKeys: 1 },
  seatPositions: { lua: POSITIONS_LUA, numberOfKeys: 1 },
  seatStatus: { lua: STATUS_LUA, numberOfKeys: 1 },
};

export interface SeatLedgerOptions {
  /** How long a device's lease lasts without renewal (ms). */
  leaseMs: number;
  maxDevices?: number;
  /**
   * After a node finds the ledger lost, how long nobody new is seated, so every node's sockets re-attach first
   * (at least one renewal interval of every node). Default: the lease.
   */
  healWindowMs?: number;
}

/** A device a node holds, as it re-attaches after the ledger was lost. */
export interface HealEntry {
  member: string;
  /** What the node last told the device: seated with a tier, or waiting. */
  told: { seated: SeatTier } | 'waiting';
  /** Seated: the order they were seated on this node; waiting: their last waiting-room position. */
  order: number;
}

export interface HealOutcome {
  member: string;
  outcome: 'seated' | 'waiting';
  position: number;
}

/**
 * The seat ledger of every event, in Redis. This class only passes arguments and decodes answers: every rule that
 * changes a seat runs inside the Lua scripts of ledger-lua.ts.
 */
export class SeatLedger {
  private readonly cmd: LedgerCommands;
  /** The generation of each ledger (event and phase) this node last saw: how it finds out the ledger was lost. */
  private readonly generations = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: SeatLedgerOptions,
  ) {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, script);
    }
    if (!('seatTierProbe' in redis)) redis.defineCommand('seatTierProbe', { numberOfKeys: 0, lua: TIER_PROBE_LUA });
    this.cmd = redis as unknown as LedgerCommands;
  }

  async acquire(event: LedgerEvent, registrantId: string, deviceId: string, node: string): Promise<AcquireResult> {
    const raw = await this.cmd.seatAcquire(...(await this.logging(event)), registrantId, deviceId, node);
    const r = JSON.parse(raw) as Record<string, unknown>;
    this.saw(event, r);
    const changes = decodeChanges(r);
    if (r.status === 'admitted') {
      return { ...changes, status: 'admitted', tier: r.tier as SeatTier, reattached: r.reattached === true };
    }
    if (r.status === 'waiting') {
      return { ...changes, status: 'waiting', position: Number(r.position), reattached: r.reattached === true };
    }
    if (r.status === 'refused') return { ...changes, status: 'refused', reason: 'device-limit' };
    return { ...changes, status: 'ended', reason: String(r.reason) };
  }

  /**
   * Extends the leases of the devices a node still holds; answers the ones that lost their place meanwhile. `heal`
   * means the whole ledger was lost since this node last saw it: nothing was renewed, the node must heal().
   */
  async renew(
    event: LedgerEvent,
    members: string[],
  ): Promise<{ lost: string[]; ended: string | null; heal: boolean; now: number }> {
    if (members.length === 0) return { lost: [], ended: null, heal: false, now: 0 };
    const r = JSON.parse(await this.cmd.seatRenew(...this.head(event), ...members)) as Record<string, unknown>;
    this.saw(event, r);
    return {
      lost: asArray<string>(r.lost),
      ended: typeof r.ended === 'string' ? r.ended : null,
      heal: r.heal === true,
      now: Number(r.now),
    };
  }

  /** Re-attaches a node's devices to a ledger found lost (see HEAL_LUA); then the node knows its new generation. */
  async heal(event: LedgerEvent, node: string, entries: HealEntry[]): Promise<HealOutcome[]> {
    const argv = entries.flatMap((e) => [e.member, e.told === 'waiting' ? 'wait' : `seat:${e.told.seated}`, e.order]);
    const r = JSON.parse(await this.cmd.seatHeal(...this.head(event), node, ...argv)) as Record<string, unknown>;
    if (typeof r.gen === 'string') this.generations.set(this.baseOf(event), r.gen);
    return asArray<[string, 'seated' | 'waiting', number | false]>(r.outcomes).map(([member, outcome, position]) => ({
      member,
      outcome,
      position: Number(position || 0),
    }));
  }

  async release(event: LedgerEvent, member: string, reason = 'left'): Promise<LedgerChanges> {
    return decodeChanges(
      JSON.parse(await this.cmd.seatRelease(...(await this.logging(event)), member, reason)) as Record<string, unknown>,
    );
  }

  /** The socket dropped: keep the seat for the reconnect grace, then let the sweep free it. */
  async detach(event: LedgerEvent, member: string, graceMs: number): Promise<void> {
    await this.cmd.seatDetach(...this.head(event), member, graceMs);
  }

  async sweep(event: LedgerEvent): Promise<LedgerChanges & { ended: boolean; heal: boolean }> {
    const r = JSON.parse(await this.cmd.seatSweep(...(await this.logging(event)))) as Record<string, unknown>;
    this.saw(event, r);
    return { ...decodeChanges(r), ended: r.ended === true, heal: r.heal === true };
  }

  async end(event: LedgerEvent, reason: string): Promise<LedgerChanges> {
    return decodeChanges(
      JSON.parse(await this.cmd.seatEnd(...(await this.logging(event)), reason)) as Record<string, unknown>,
    );
  }

  /** Waiting-room positions (1-based; 0 = not waiting). */
  async positions(event: LedgerEvent, registrantIds: string[]): Promise<number[]> {
    if (registrantIds.length === 0) return [];
    const r = JSON.parse(await this.cmd.seatPositions(...this.head(event), ...registrantIds)) as { positions: unknown };
    return asArray<number>(r.positions);
  }

  async status(event: LedgerEvent): Promise<LedgerStatus> {
    const r = JSON.parse(await this.cmd.seatStatus(...this.head(event))) as Record<string, unknown>;
    const flat = asArray<string>(r.stat);
    const stat: Record<string, number> = {};
    for (let i = 0; i < flat.length; i += 2) stat[flat[i]] = Number(flat[i + 1]);
    return {
      seats: Number(r.seats),
      waiting: Number(r.waiting),
      attachments: Number(r.attachments),
      peakConcurrent: stat['peak:concurrent'] ?? 0,
      peakOverage: stat['peak:overage'] ?? 0,
      held: { included: stat['cur:included'] ?? 0, buffer: stat['cur:buffer'] ?? 0, overage: stat['cur:overage'] ?? 0 },
      joins: stat.joins ?? 0,
      ended: typeof r.ended === 'string' ? r.ended : null,
      now: Number(r.now),
    };
  }

  /** The Lua mirror of tierForSeat, for the test that keeps it equal to #domain. */
  async luaTiers(terms: AdmissionTerms, seatNumbers: number[]): Promise<string[]> {
    return this.cmd.seatTierProbe(
      terms.attendeeLimit,
      terms.bufferPercent,
      terms.overagePolicy,
      terms.overageCap ?? -1,
      ...seatNumbers,
    );
  }

  private baseOf(event: LedgerEvent): string {
    return eventLedgerBase(this.prefix, event.eventId, event.phase);
  }

  /** A generation in an answer is remembered, unless the answer says this node must heal first. */
  private saw(event: LedgerEvent, r: Record<string, unknown>): void {
    if (typeof r.gen === 'string' && r.heal !== true) this.generations.set(this.baseOf(event), r.gen);
  }

  /**
   * The keys and arguments of a script that may log attendance. The event is named in the set the control plane
   * follows before the script runs (two slots, so two commands): an entry is never in a stream nobody reads.
   */
  private async logging(event: LedgerEvent): Promise<[string, string, ...(string | number)[]]> {
    await this.redis.sadd(attendanceEventsKey(this.prefix), event.eventId);
    const [base, ...argv] = this.head(event);
    return [base, attendanceStreamKey(this.prefix, event.eventId), ...argv];
  }

  private head(event: LedgerEvent): Head {
    const t = event.terms;
    return [
      this.baseOf(event),
      event.eventId,
      t.attendeeLimit,
      t.bufferPercent,
      t.overagePolicy,
      t.overageCap ?? -1,
      event.liveCutoffMs ?? -1,
      this.options.leaseMs,
      this.options.maxDevices ?? MAX_DEVICES_PER_SEAT,
      event.phase ?? 'live',
      this.generations.get(this.baseOf(event)) ?? '',
      this.options.healWindowMs ?? this.options.leaseMs,
    ];
  }
}

// cjson encodes an empty Lua table as {}, so lists may arrive as objects.
function asArray<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

function decodeChanges(r: Record<string, unknown>): LedgerChanges {
  return {
    released: asArray<[string, string]>(r.released).map(([member, node]) => {
      const i = member.indexOf('|');
      return { registrantId: member.slice(0, i), deviceId: member.slice(i + 1), node };
    }),
    promoted: asArray<[string, SeatTier]>(r.promoted).map(([registrantId, tier]) => ({ registrantId, tier })),
    now: Number(r.now),
  };
}
