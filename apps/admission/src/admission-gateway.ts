import type { Server as HttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { EventChange } from '#contracts';
import { ChatRoom, LedgerEvent, PollRoom, QaRoom, SeatLedger, activeEventsKey, attachmentMember } from '#seat-ledger';
import { AdmissionMetrics } from './admission-metrics';
import { admissionWindow } from './admission-window';
import { AttendeeChat } from './attendee-chat';
import { AttendeePolls } from './attendee-polls';
import { AttendeeQuestions } from './attendee-questions';
import { AttendeeNotices, ENDED_MESSAGES, nextSeatOrder } from './attendee-notices';
import type { AdmissionConfig } from './config';
import { EventSnapshots } from './event-snapshots';
import { EventWindows } from './event-windows';
import { checkHandshake } from './join-handshake';
import { AttendeeSocket, LocalAttendees } from './local-attendees';
import { Refusal, refusal } from './refusal';
import { SeatKeeper } from './seat-keeper';

/**
 * The Socket.io side of a node: screens connections, decides joins through the ledger, gives seats up when attendees
 * leave or drop, and follows the event's state. Nodes share nothing but Redis.
 */
export class AdmissionGateway {
  private io?: Server;
  private readonly attendees = new LocalAttendees();
  private readonly windows: EventWindows;
  private readonly notices: AttendeeNotices;
  private readonly chat: AttendeeChat;
  private readonly questions: AttendeeQuestions;
  private readonly polls: AttendeePolls;
  private readonly keeper: SeatKeeper;
  private readonly announced = new Set<string>();
  private stopping = false;

  constructor(
    private readonly cfg: AdmissionConfig,
    private readonly redis: Redis,
    private readonly ledger: SeatLedger,
    private readonly snapshots: EventSnapshots,
    private readonly metrics: AdmissionMetrics,
    private readonly log: Logger,
  ) {
    this.windows = new EventWindows(snapshots);
    this.questions = new AttendeeQuestions(new QaRoom(redis, cfg.REDIS_PREFIX), log);
    this.polls = new AttendeePolls(new PollRoom(redis, cfg.REDIS_PREFIX), log);
    this.chat = new AttendeeChat(new ChatRoom(redis, cfg.REDIS_PREFIX), log, this.questions, this.polls);
    this.notices = new AttendeeNotices(cfg, this.attendees, metrics, this.chat);
    this.keeper = new SeatKeeper(cfg, redis, ledger, this.windows, this.attendees, this.notices, metrics, log);
  }

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
    this.notices.bind(io);
    this.chat.bind(io);
    this.snapshots.onChange(
      (change) => void this.onEventChange(change).catch((e) => this.log.error({ err: e }, 'event change failed')),
    );
    this.keeper.start(io);
  }

  /** Hears the moderators' notices on the node's subscriber connection (the one event changes come on). */
  listenChatModeration(subscriber: Redis): Promise<void> {
    return this.chat.listen(subscriber, this.cfg.REDIS_PREFIX);
  }

  /** Stops timers and closes sockets; their seats stay for the reconnect grace so attendees can move to another node. */
  async close(): Promise<void> {
    this.stopping = true;
    this.keeper.stop();
    this.polls.stop();
    const detaching: Promise<void>[] = [];
    for (const eventId of this.attendees.events()) {
      for (const s of this.attendees.ofEvent(eventId)) {
        s.data.closing = true;
        if (s.data.status !== 'deciding') {
          detaching.push(this.ledger.detach(s.data.ledgerEvent, s.data.member, this.cfg.RECONNECT_GRACE));
        }
      }
    }
    await Promise.allSettled(detaching);
    // close()'s callback, unlike its promise, waits for the HTTP server to be closed too
    await new Promise<void>((r) => {
      if (this.io) void this.io.close(() => r());
      else r();
    });
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
    this.windows.set(window.ledgerEvent, snapshot.version);
    s.data = {
      joiner: hs.joiner,
      member: attachmentMember(hs.joiner.registrantId, hs.joiner.deviceId),
      ledgerEvent: window.ledgerEvent,
      status: 'deciding',
      tokenAt: 0,
    };
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
    if (previous && previous !== s) {
      this.notices.close(previous, 'lost', { reason: 'replaced', message: 'this device connected again' });
    }
    this.metrics.sockets.set(this.attendees.size);
    s.on('disconnect', () => this.onDisconnect(s));
    // Socket.IO hands the ack over as the last argument, after whatever else a client sent along
    s.on('leave', (...args: unknown[]) => void this.leave(s, args.at(-1)));
    s.on('chat:send', (...args: unknown[]) => void this.chat.send(s, args));
    s.on('qa:ask', (...args: unknown[]) => void this.questions.ask(s, args));
    s.on('qa:upvote', (...args: unknown[]) => void this.questions.upvote(s, args));
    s.on('poll:vote', (...args: unknown[]) => void this.polls.vote(s, args));
    void s.join(`evt:${eventId}`);
    try {
      await this.announce(ev);
      const r = await this.ledger.acquire(ev, registrantId, deviceId, this.cfg.NODE_ID);
      this.metrics.decisionSeconds.observe((performance.now() - started) / 1000);
      this.metrics.decisions.inc({ decision: r.status });
      this.notices.spread(eventId, r);
      if (r.status === 'admitted') {
        s.data.status = 'admitted';
        s.data.tier = r.tier;
        s.data.seatedOrder = nextSeatOrder();
        s.emit('decision', {
          status: 'admitted',
          tier: r.tier,
          phase: ev.phase ?? 'live',
          reattached: r.reattached === true,
          ...this.notices.playback(s),
        });
        this.chat.seated(s);
      } else if (r.status === 'waiting') {
        // a promotion decided elsewhere may have reached this node before the ledger's own answer did
        if (s.data.status === 'admitted') return;
        s.data.status = 'waiting';
        s.data.position = r.position;
        s.emit('decision', { status: 'waiting', position: r.position });
      } else if (r.status === 'refused') {
        this.metrics.refusals.inc({ reason: r.reason });
        this.notices.close(s, 'decision', {
          status: 'refused',
          reason: r.reason,
          message: 'a join link admits at most 3 devices at once; close one first',
        });
      } else {
        this.notices.close(s, 'decision', {
          status: 'ended',
          reason: 'event-ended',
          message: ENDED_MESSAGES[r.reason] ?? 'this event has ended',
        });
      }
      // the attendee hung up while the ledger decided: keep the seat only for the grace
      if (s.disconnected && !s.data.closing && r.status !== 'refused' && r.status !== 'ended') {
        await this.ledger.detach(ev, s.data.member, this.cfg.RECONNECT_GRACE);
      }
    } catch (e) {
      this.log.error({ err: e, eventId }, 'admission decision failed');
      this.notices.close(s, 'decision', {
        status: 'refused',
        reason: 'unavailable',
        message: 'admission is unavailable; try again',
      });
    }
  }

  private async leave(s: AttendeeSocket, ack: unknown): Promise<void> {
    s.data.closing = true;
    const reply = typeof ack === 'function' ? (ack as (answer: { ok: boolean }) => void) : () => {};
    try {
      this.notices.spread(s.data.joiner.eventId, await this.ledger.release(s.data.ledgerEvent, s.data.member, 'left'));
      reply({ ok: true });
    } catch (e) {
      this.log.error({ err: e }, 'leave failed');
      reply({ ok: false });
    }
    s.disconnect(true);
  }

  private onDisconnect(s: AttendeeSocket): void {
    this.attendees.remove(s);
    this.metrics.sockets.set(this.attendees.size);
    if (s.data.closing || s.data.status === 'deciding' || this.stopping) return;
    this.ledger
      .detach(s.data.ledgerEvent, s.data.member, this.cfg.RECONNECT_GRACE)
      .catch((e) => this.log.error({ err: e }, 'detach failed'));
  }

  /** Registers the event once per node and phase, so every node's sweep frees its lapsed leases, even a crashed node's. */
  private async announce(ev: LedgerEvent): Promise<void> {
    const key = `${ev.eventId}:${ev.phase ?? 'live'}`;
    if (this.announced.has(key)) return;
    this.announced.add(key);
    await this.redis.sadd(activeEventsKey(this.cfg.REDIS_PREFIX), ev.eventId);
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
      this.notices.ended(snapshot.id, 'ended', change.state === 'cancelled' ? null : 'live');
    }
    if (window.open) this.windows.set(window.ledgerEvent);
    else this.windows.forget(snapshot.id);
    this.windows.handled(snapshot.id, snapshot.version);
  }
}
