import type { Server as HttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { SeatTier } from '#domain';
import { EventChange } from '#event-contract';
import { AdmissionPhase, LedgerChanges, LedgerEvent, Promoted, Released, SeatLedger, activeEventsKey, attachmentMember, splitAttachment } from '#seat-ledger';
import { signPlaybackToken } from '#tokens';
import { AdmissionMetrics } from './admission-metrics';
import type { ServerToClientEvents } from './admission-protocol';
import { admissionWindow } from './admission-window';
import type { AdmissionConfig } from './config';
import { EventSnapshots } from './event-snapshots';
import { checkHandshake } from './join-handshake';
import { AttendeeSocket, LocalAttendees } from './local-attendees';
import { Refusal, refusal } from './refusal';

const ENDED_MESSAGES: Record<string, string> = {
  cap: 'the event reached its maximum length and has ended',
  ended: 'the organizer ended the event',
};

/**
 * The Socket.io side of a node: decides joins through the ledger, keeps its sockets' leases alive, and tells
 * attendees about promotions, lost seats, viewer counts and the end of the event. Nodes share nothing but Redis.
 */
export class AdmissionGateway {
  private io?: Server;
  private readonly attendees = new LocalAttendees();
  private readonly ledgerEvents = new Map<string, LedgerEvent>();
  private readonly announced = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopping = false;

  constructor(
    private readonly cfg: AdmissionConfig,
    private readonly redis: Redis,
    private readonly ledger: SeatLedger,
    private readonly snapshots: EventSnapshots,
    private readonly metrics: AdmissionMetrics,
    private readonly log: Logger,
  ) {}

  attach(http: HttpServer, adapterPub: Redis, adapterSub: Redis): void {
    const io = new Server(http, {
      transports: ['websocket'],
      serveClient: false,
      maxHttpBufferSize: 16_384,
      adapter: createAdapter(adapterPub, adapterSub, { key: `${this.cfg.REDIS_PREFIX}:socket.io` }),
    });
    this.io = io;
    // Refusals that need no ledger happen before the socket exists, so a flood of bad tokens costs one HMAC each.
    io.use((socket, next) => {
      this.screen(socket as AttendeeSocket).then(
        (r) => (r ? next(Object.assign(new Error(r.reason), { data: r })) : next()),
        (e) => next(Object.assign(new Error('unavailable'), { data: { reason: 'unavailable', message: String(e) } })),
      );
    });
    io.on('connection', (socket) => void this.admit(socket as AttendeeSocket));
    io.on('promoted', (eventId: string, promoted: Promoted[]) => this.onPromoted(eventId, promoted));
    io.on('released', (eventId: string, released: Released[]) => this.onReleased(eventId, released));
    io.on('ended', (eventId: string, reason: string) => this.onEnded(eventId, reason));
    this.snapshots.onChange((change) => void this.onEventChange(change).catch((e) => this.log.error({ err: e }, 'event change failed')));

    this.every(this.cfg.SWEEP_INTERVAL, () => this.sweepTick());
    this.every(this.cfg.RENEW_INTERVAL, () => this.renewTick());
    this.every(this.cfg.COUNT_INTERVAL, () => this.countTick());
  }

  /** Stops timers and closes sockets; their seats stay for the reconnect grace so attendees can move to another node. */
  async close(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    const detaching: Promise<void>[] = [];
    for (const eventId of this.attendees.events()) {
      for (const s of this.attendees.ofEvent(eventId)) {
        s.data.closing = true;
        if (s.data.status !== 'deciding') detaching.push(this.ledger.detach(s.data.ledgerEvent, s.data.member, this.cfg.RECONNECT_GRACE));
      }
    }
    await Promise.allSettled(detaching);
    await new Promise<void>((r) => (this.io ? this.io.close(() => r()) : r()));
  }

  get socketCount(): number {
    return this.attendees.size;
  }

  private async screen(s: AttendeeSocket): Promise<Refusal | null> {
    const hs = checkHandshake(s.handshake.auth, this.cfg.JOIN_TOKEN_SECRET);
    if (!hs.ok) return this.refused(hs.refusal);
    const snapshot = await this.snapshots.get(hs.joiner.eventId);
    if (!snapshot) return this.refused(refusal('event-unknown', 'no such event'));
    const window = admissionWindow(snapshot);
    if (!window.open) return this.refused(window.refusal);
    this.ledgerEvents.set(snapshot.id, window.ledgerEvent);
    s.data = { joiner: hs.joiner, member: attachmentMember(hs.joiner.registrantId, hs.joiner.deviceId), ledgerEvent: window.ledgerEvent, status: 'deciding', tokenAt: 0 };
    return null;
  }

  private refused(r: Refusal): Refusal {
    this.metrics.refusals.inc({ reason: r.reason });
    return r;
  }

  private async admit(s: AttendeeSocket): Promise<void> {
    const started = performance.now();
    const { eventId, registrantId, deviceId } = s.data.joiner;
    const ev = s.data.ledgerEvent;
    const previous = this.attendees.add(s);
    if (previous && previous !== s) this.closeSocket(previous, 'lost', { reason: 'replaced', message: 'this device connected again' });
    this.metrics.sockets.set(this.attendees.size);
    s.on('disconnect', () => this.onDisconnect(s));
    s.on('leave', (ack) => void this.leave(s, ack));
    void s.join(`evt:${eventId}`);
    await this.announce(ev);
    try {
      const r = await this.ledger.acquire(ev, registrantId, deviceId, this.cfg.NODE_ID);
      this.metrics.decisionSeconds.observe((performance.now() - started) / 1000);
      this.metrics.decisions.inc({ decision: r.status });
      this.spread(eventId, r);
      if (r.status === 'admitted') {
        s.data.status = 'admitted';
        s.data.tier = r.tier;
        s.emit('decision', { status: 'admitted', tier: r.tier, phase: ev.phase ?? 'live', reattached: r.reattached === true, ...this.playback(s) });
      } else if (r.status === 'waiting') {
        s.data.status = 'waiting';
        s.data.position = r.position;
        s.emit('decision', { status: 'waiting', position: r.position });
      } else if (r.status === 'refused') {
        this.metrics.refusals.inc({ reason: r.reason });
        this.closeSocket(s, 'decision', { status: 'refused', reason: r.reason, message: 'a join link admits at most 3 devices at once; close one first' });
      } else {
        this.closeSocket(s, 'decision', { status: 'ended', reason: 'event-ended', message: ENDED_MESSAGES[r.reason] ?? 'this event has ended' });
      }
      // the attendee hung up while the ledger decided: keep the seat only for the grace
      if (s.disconnected && !s.data.closing && r.status !== 'refused' && r.status !== 'ended') {
        await this.ledger.detach(ev, s.data.member, this.cfg.RECONNECT_GRACE);
      }
    } catch (e) {
      this.log.error({ err: e, eventId }, 'admission decision failed');
      this.closeSocket(s, 'decision', { status: 'refused', reason: 'unavailable', message: 'admission is unavailable; try again' });
    }
  }

  private playback(s: AttendeeSocket): { playbackToken: string; playbackTokenExpiresInS: number } {
    s.data.tokenAt = Date.now();
    const ttlS = Math.floor(this.cfg.PLAYBACK_TOKEN_TTL / 1000);
    const token = signPlaybackToken({ viewer: s.data.joiner.registrantId, scope: { kind: 'event', id: s.data.joiner.eventId } }, this.cfg.PLAYBACK_TOKEN_SECRET, ttlS);
    return { playbackToken: token, playbackTokenExpiresInS: ttlS };
  }

  private async leave(s: AttendeeSocket, ack: unknown): Promise<void> {
    s.data.closing = true;
    try {
      this.spread(s.data.joiner.eventId, await this.ledger.release(s.data.ledgerEvent, s.data.member, 'left'));
      if (typeof ack === 'function') ack({ ok: true });
    } catch (e) {
      this.log.error({ err: e }, 'leave failed');
      if (typeof ack === 'function') ack({ ok: false });
    }
    s.disconnect(true);
  }

  private onDisconnect(s: AttendeeSocket): void {
    this.attendees.remove(s);
    this.metrics.sockets.set(this.attendees.size);
    if (s.data.closing || s.data.status === 'deciding' || this.stopping) return;
    this.ledger.detach(s.data.ledgerEvent, s.data.member, this.cfg.RECONNECT_GRACE).catch((e) => this.log.error({ err: e }, 'detach failed'));
  }

  private closeSocket<E extends 'decision' | 'lost' | 'ended'>(s: AttendeeSocket, event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    s.data.closing = true;
    s.emit(event, ...payload);
    this.attendees.remove(s);
    s.disconnect(true);
  }

  /** Registers the event once per node, so every node's sweep frees its lapsed leases even if nobody here watches it. */
  private async announce(ev: LedgerEvent): Promise<void> {
    const key = `${ev.eventId}:${ev.phase ?? 'live'}`;
    if (this.announced.has(key)) return;
    this.announced.add(key);
    await this.redis.sadd(activeEventsKey(this.cfg.REDIS_PREFIX), ev.eventId);
  }

  /** Tells whichever node holds the sockets about promotions and freed seats. */
  private spread(eventId: string, changes: LedgerChanges): void {
    if (changes.promoted.length) {
      this.onPromoted(eventId, changes.promoted);
      this.io?.serverSideEmit('promoted', eventId, changes.promoted);
    }
    const elsewhere = changes.released.filter((r) => r.node !== this.cfg.NODE_ID);
    this.onReleased(eventId, changes.released.filter((r) => r.node === this.cfg.NODE_ID));
    if (elsewhere.length) this.io?.serverSideEmit('released', eventId, elsewhere);
  }

  private onPromoted(eventId: string, promoted: Promoted[]): void {
    for (const p of promoted) {
      for (const s of this.attendees.ofRegistrant(eventId, p.registrantId)) {
        if (s.data.status === 'admitted') continue;
        this.metrics.promotions.inc();
        s.data.status = 'admitted';
        s.data.tier = p.tier as SeatTier;
        s.emit('decision', { status: 'admitted', tier: p.tier, phase: s.data.ledgerEvent.phase ?? 'live', promoted: true, ...this.playback(s) });
      }
    }
  }

  private onReleased(eventId: string, released: Released[]): void {
    for (const r of released) {
      const s = this.attendees.device(eventId, r.registrantId, r.deviceId);
      if (s && !s.data.closing) this.closeSocket(s, 'lost', { reason: 'lapsed', message: 'your seat lapsed; join again' });
    }
  }

  /** Tells and closes this node's sockets of the event's phase (every phase when null). */
  private onEnded(eventId: string, reason: string, phase: AdmissionPhase | null = 'live'): void {
    for (const s of [...this.attendees.ofEvent(eventId)]) {
      if (phase !== null && (s.data.ledgerEvent.phase ?? 'live') !== phase) continue;
      this.closeSocket(s, 'ended', { reason, message: ENDED_MESSAGES[reason] ?? 'this event has ended' });
    }
  }

  private async onEventChange(change: EventChange): Promise<void> {
    const snapshot = await this.snapshots.get(change.eventId);
    if (!snapshot) return;
    const window = admissionWindow(snapshot);
    if (change.state === 'ended' || change.state === 'cancelled') {
      // every node hears the change; the end script runs once in effect (it is idempotent)
      const live: LedgerEvent = { eventId: snapshot.id, terms: snapshot.terms, liveCutoffMs: null, phase: 'live' };
      await this.ledger.end(live, 'ended');
      if (change.state === 'cancelled') await this.ledger.end({ ...live, phase: 'on-demand' }, 'ended');
      this.onEnded(snapshot.id, 'ended', change.state === 'cancelled' ? null : 'live');
    }
    if (window.open) this.ledgerEvents.set(snapshot.id, window.ledgerEvent);
    else this.ledgerEvents.delete(snapshot.id);
  }

  private async ledgerEventFor(eventId: string): Promise<LedgerEvent | null> {
    const known = this.ledgerEvents.get(eventId);
    if (known) return known;
    const snapshot = await this.snapshots.get(eventId);
    if (!snapshot) return null;
    const window = admissionWindow(snapshot);
    if (!window.open) return null;
    this.ledgerEvents.set(eventId, window.ledgerEvent);
    return window.ledgerEvent;
  }

  private async sweepTick(): Promise<void> {
    const ids = new Set([...(await this.redis.smembers(activeEventsKey(this.cfg.REDIS_PREFIX))), ...this.attendees.events()]);
    for (const id of ids) {
      const ev = await this.ledgerEventFor(id);
      if (!ev) {
        // cancelled, or the control plane's snapshot is gone (it expires a week after the end): nothing left to sweep
        await this.redis.srem(activeEventsKey(this.cfg.REDIS_PREFIX), id);
        continue;
      }
      const r = await this.ledger.sweep(ev);
      this.metrics.lapses.inc(r.released.length);
      if (r.ended) {
        await this.redis.srem(activeEventsKey(this.cfg.REDIS_PREFIX), id);
        this.onEnded(id, 'cap', 'live');
        this.io?.serverSideEmit('ended', id, 'cap');
      } else {
        this.spread(id, r);
      }
    }
    await this.updatePositions();
    this.refreshPlaybackTokens();
  }

  private async updatePositions(): Promise<void> {
    for (const eventId of this.attendees.events()) {
      for (const [ev, waiting] of this.byPhase(eventId, (s) => s.data.status === 'waiting')) {
        const positions = await this.ledger.positions(ev, waiting.map((s) => s.data.joiner.registrantId));
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
        if (s.data.status === 'admitted' && s.data.tokenAt <= due) s.emit('playback-token', this.playback(s));
      }
    }
  }

  /** One batched renewal per event and phase; devices the ledger no longer holds are told and closed. */
  private async renewTick(): Promise<void> {
    for (const eventId of this.attendees.events()) {
      for (const [ev, sockets] of this.byPhase(eventId, (s) => s.data.status !== 'deciding')) {
        for (let i = 0; i < sockets.length; i += 1000) {
          const { lost } = await this.ledger.renew(ev, sockets.slice(i, i + 1000).map((s) => s.data.member));
          for (const m of lost) {
            const { registrantId, deviceId } = splitAttachment(m);
            const s = this.attendees.device(eventId, registrantId, deviceId);
            if (s && !s.data.closing) this.closeSocket(s, 'lost', { reason: 'lapsed', message: 'your seat lapsed; join again' });
          }
        }
      }
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

  private async countTick(): Promise<void> {
    for (const eventId of this.attendees.events()) {
      const ev = this.ledgerEvents.get(eventId);
      if (!ev || !this.io) continue;
      const st = await this.ledger.status(ev);
      // the figure comes from the shared ledger, so every node sends the same count to its own sockets
      this.io.local.to(`evt:${eventId}`).emit('viewers', { eventId, viewers: st.seats, waiting: st.waiting });
    }
  }

  private every(ms: number, tick: () => Promise<void>): void {
    let running = false;
    const t = setInterval(() => {
      if (running || this.stopping) return;
      running = true;
      tick()
        .catch((e) => this.log.error({ err: e }, 'admission timer failed'))
        .finally(() => (running = false));
    }, ms);
    this.timers.push(t);
  }
}
