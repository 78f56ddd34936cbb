import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { AdmissionPhase, HealEntry, LedgerEvent, SeatLedger, activeEventsKey, splitAttachment } from '#seat-ledger';
import { AdmissionMetrics } from './admission-metrics';
import { AttendeeNotices } from './attendee-notices';
import type { AdmissionConfig } from './config';
import { EventWindows } from './event-windows';
import { AttendeeSocket, LocalAttendees } from './local-attendees';

/**
 * A node's periodic work on the shared ledger: renew its sockets' leases in batches, sweep lapsed leases of every
 * active event (a crashed node's too), end live admission at the cap, move the waiting room, refresh playback tokens
 * and send viewer counts.
 */
export class SeatKeeper {
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    private readonly cfg: AdmissionConfig,
    private readonly redis: Redis,
    private readonly ledger: SeatLedger,
    private readonly windows: EventWindows,
    private readonly attendees: LocalAttendees,
    private readonly notices: AttendeeNotices,
    private readonly metrics: AdmissionMetrics,
    private readonly log: Logger,
  ) {}

  start(io: Server): void {
    this.every(this.cfg.SWEEP_INTERVAL, () => this.sweep());
    this.every(this.cfg.RENEW_INTERVAL, () => this.renew());
    this.every(this.cfg.COUNT_INTERVAL, () => this.count(io));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
  }

  private async sweep(): Promise<void> {
    const ids = new Set([
      ...(await this.redis.smembers(activeEventsKey(this.cfg.REDIS_PREFIX))),
      ...this.attendees.events(),
    ]);
    for (const id of ids) {
      const ev = await this.windows.resolve(id);
      if (!ev) {
        // cancelled, or the control plane's snapshot is gone (it expires a week after the end): nothing left to sweep
        await this.redis.srem(activeEventsKey(this.cfg.REDIS_PREFIX), id);
        continue;
      }
      await this.windows.catchUp(id);
      const r = await this.ledger.sweep(ev);
      if (r.heal) await this.heal(id);
      this.metrics.lapses.inc(r.released.length);
      if (r.ended) {
        await this.redis.srem(activeEventsKey(this.cfg.REDIS_PREFIX), id);
        this.notices.endEverywhere(id, 'cap');
      } else {
        this.notices.spread(id, r);
      }
    }
    await this.updatePositions();
    this.refreshPlaybackTokens();
  }

  private async updatePositions(): Promise<void> {
    for (const eventId of this.attendees.events()) {
      for (const [ev, waiting] of this.byPhase(eventId, (s) => s.data.status === 'waiting')) {
        const positions = await this.ledger.positions(
          ev,
          waiting.map((s) => s.data.joiner.registrantId),
        );
        waiting.forEach((s, i) => {
          const p = positions[i] ?? 0;
          if (p > 0 && p !== s.data.position && s.data.status === 'waiting') {
            s.data.position = p;
            s.emit('position', { position: p });
          }
        });
      }
    }
  }

  private refreshPlaybackTokens(): void {
    const due = Date.now() - this.cfg.PLAYBACK_REFRESH_INTERVAL;
    for (const eventId of this.attendees.events()) {
      for (const s of this.attendees.ofEvent(eventId)) {
        if (s.data.status === 'admitted' && s.data.tokenAt <= due) s.emit('playback-token', this.notices.playback(s));
      }
    }
  }

  /** One batched renewal per event and phase; devices the ledger no longer holds are told and closed. */
  private async renew(): Promise<void> {
    for (const eventId of this.attendees.events()) {
      for (const [ev, sockets] of this.byPhase(eventId, (s) => s.data.status !== 'deciding')) {
        for (let i = 0; i < sockets.length; i += 1000) {
          const { lost, ended, heal } = await this.ledger.renew(
            ev,
            sockets.slice(i, i + 1000).map((s) => s.data.member),
          );
          if (heal) {
            await this.heal(eventId);
            break;
          }
          if (ended) {
            // another node ended this phase before this one heard of it
            this.notices.ended(eventId, ended, ev.phase ?? 'live');
            break;
          }
          for (const m of lost) {
            const { registrantId, deviceId } = splitAttachment(m);
            const s = this.attendees.device(eventId, registrantId, deviceId);
            if (s) this.notices.seatLost(s);
          }
        }
      }
    }
  }

  /**
   * The event's ledger was lost (Redis restarted without persistence, evicted or failed over): every device this node
   * holds re-attaches in one script per phase, the seated in the order they were seated, the waiting in their order.
   * Nobody is told anything unless they no longer fit, then they wait at the head of the waiting room.
   */
  private async heal(eventId: string): Promise<void> {
    for (const [ev, sockets] of this.byPhase(eventId, (s) => s.data.status !== 'deciding')) {
      const seated = sockets
        .filter((s) => s.data.status === 'admitted')
        .sort((a, b) => (a.data.seatedOrder ?? 0) - (b.data.seatedOrder ?? 0));
      const waiting = sockets
        .filter((s) => s.data.status === 'waiting')
        .sort((a, b) => (a.data.position ?? 0) - (b.data.position ?? 0));
      const entries: HealEntry[] = [
        ...seated.map((s, i) => ({ member: s.data.member, told: { seated: s.data.tier ?? 'included' }, order: i })),
        ...waiting.map((s, i) => ({ member: s.data.member, told: 'waiting' as const, order: s.data.position ?? i })),
      ];
      const outcomes = await this.ledger.heal(ev, this.cfg.NODE_ID, entries);
      const bySocket = new Map([...seated, ...waiting].map((s) => [s.data.member, s]));
      for (const o of outcomes) {
        this.metrics.heals.inc({ outcome: o.outcome });
        const s = bySocket.get(o.member);
        if (s && o.outcome === 'waiting' && s.data.status === 'admitted') this.notices.movedToWaiting(s, o.position);
      }
      this.log.warn(
        {
          eventId,
          phase: ev.phase ?? 'live',
          seated: outcomes.filter((o) => o.outcome === 'seated').length,
          waiting: outcomes.filter((o) => o.outcome === 'waiting').length,
        },
        "seat ledger was lost: re-attached this node's devices",
      );
    }
  }

  private async count(io: Server): Promise<void> {
    for (const eventId of this.attendees.events()) {
      const ev = this.windows.get(eventId);
      if (!ev) continue;
      const st = await this.ledger.status(ev);
      // the figure comes from the shared ledger, so every node sends the same count to its own sockets
      io.local.to(`evt:${eventId}`).emit('viewers', { eventId, viewers: st.seats, waiting: st.waiting });
    }
  }

  /** This node's sockets of an event that pass the test, by the phase (live or on demand) they were admitted to. */
  private byPhase(eventId: string, test: (s: AttendeeSocket) => boolean): [LedgerEvent, AttendeeSocket[]][] {
    const out = new Map<AdmissionPhase, [LedgerEvent, AttendeeSocket[]]>();
    for (const s of this.attendees.ofEvent(eventId)) {
      if (!test(s)) continue;
      const phase = s.data.ledgerEvent.phase ?? 'live';
      const group = out.get(phase) ?? [s.data.ledgerEvent, []];
      group[1].push(s);
      out.set(phase, group);
    }
    return [...out.values()];
  }

  private every(ms: number, tick: () => Promise<void>): void {
    let running = false;
    const t = setInterval(() => {
      if (running || this.stopped) return;
      running = true;
      tick()
        .catch((e) => this.log.error({ err: e }, 'admission timer failed'))
        .finally(() => (running = false));
    }, ms);
    this.timers.push(t);
  }
}
