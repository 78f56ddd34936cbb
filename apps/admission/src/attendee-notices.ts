import type { Server } from 'socket.io';
import type { AdmissionPhase, LedgerChanges, Promoted, Released } from '#seat-ledger';
import { signPlaybackToken } from '#tokens';
import { AdmissionMetrics } from './admission-metrics';
import type { PlaybackGrant, ServerToClientEvents } from '#contracts';
import type { AttendeeChat } from './attendee-chat';
import type { AdmissionConfig } from './config';
import { AttendeeSocket, LocalAttendees } from './local-attendees';

export const ENDED_MESSAGES: Record<string, string> = {
  cap: 'the event reached its maximum length and has ended',
  ended: 'the organizer ended the event',
};

/**
 * What a node tells its own attendees when the ledger changed under them: a promotion, a lost seat, the end. A change
 * decided on one node reaches the node holding the sockets through the Socket.io adapter's server-side events.
 */
export class AttendeeNotices {
  private io?: Server;

  constructor(
    private readonly cfg: AdmissionConfig,
    private readonly attendees: LocalAttendees,
    private readonly metrics: AdmissionMetrics,
    private readonly chat: AttendeeChat,
  ) {}

  /** Listens for the other nodes' notices. */
  bind(io: Server): void {
    this.io = io;
    io.on('promoted', (eventId: string, promoted: Promoted[]) => this.promoted(eventId, promoted));
    io.on('released', (eventId: string, released: Released[]) => this.released(eventId, released));
    io.on('ended', (eventId: string, reason: string) => this.ended(eventId, reason));
  }

  /** Tells whichever node holds the sockets about promotions and freed seats. */
  spread(eventId: string, changes: LedgerChanges): void {
    if (changes.promoted.length) {
      this.promoted(eventId, changes.promoted);
      this.io?.serverSideEmit('promoted', eventId, changes.promoted);
    }
    const elsewhere = changes.released.filter((r) => r.node !== this.cfg.NODE_ID);
    this.released(
      eventId,
      changes.released.filter((r) => r.node === this.cfg.NODE_ID),
    );
    if (elsewhere.length) this.io?.serverSideEmit('released', eventId, elsewhere);
  }

  /** Ends the event's live phase on every node (the cap was reached). */
  endEverywhere(eventId: string, reason: string): void {
    this.ended(eventId, reason, 'live');
    this.io?.serverSideEmit('ended', eventId, reason);
  }

  /** Tells and closes this node's sockets of the event's phase (every phase when null). */
  ended(eventId: string, reason: string, phase: AdmissionPhase | null = 'live'): void {
    for (const s of [...this.attendees.ofEvent(eventId)]) {
      if (phase !== null && (s.data.ledgerEvent.phase ?? 'live') !== phase) continue;
      this.close(s, 'ended', { reason, message: ENDED_MESSAGES[reason] ?? 'this event has ended' });
    }
  }

  /** The ledger was lost and this seated device no longer fits: it waits at the head of the waiting room. */
  movedToWaiting(s: AttendeeSocket, position: number): void {
    s.data.status = 'waiting';
    s.data.position = position;
    s.data.tier = undefined;
    this.chat.unseated(s);
    s.emit('decision', { status: 'waiting', position });
  }

  seatLost(s: AttendeeSocket): void {
    if (!s.data.closing) this.close(s, 'lost', { reason: 'lapsed', message: 'your seat lapsed; join again' });
  }

  /** A fresh playback token for this event only, and when it was given (to pace refreshes). */
  playback(s: AttendeeSocket): PlaybackGrant {
    s.data.tokenAt = Date.now();
    const ttlS = Math.floor(this.cfg.PLAYBACK_TOKEN_TTL / 1000);
    const token = signPlaybackToken(
      { viewer: s.data.joiner.registrantId, scope: { kind: 'event', id: s.data.joiner.eventId } },
      this.cfg.PLAYBACK_TOKEN_SECRET,
      ttlS,
    );
    return { playbackToken: token, playbackTokenExpiresInS: ttlS };
  }

  /** Sends the last word and closes the socket on purpose (no reconnect grace for it). */
  close<E extends 'decision' | 'lost' | 'ended'>(
    s: AttendeeSocket,
    event: E,
    ...payload: Parameters<ServerToClientEvents[E]>
  ): void {
    s.data.closing = true;
    s.emit(event, ...payload);
    this.attendees.remove(s);
    s.disconnect(true);
  }

  private promoted(eventId: string, promoted: Promoted[]): void {
    for (const p of promoted) {
      for (const s of this.attendees.ofRegistrant(eventId, p.registrantId)) {
        if (s.data.status === 'admitted') continue;
        this.metrics.promotions.inc();
        s.data.status = 'admitted';
        s.data.tier = p.tier;
        s.data.seatedOrder = nextSeatOrder();
        s.emit('decision', {
          status: 'admitted',
          tier: p.tier,
          phase: s.data.ledgerEvent.phase ?? 'live',
          promoted: true,
          ...this.playback(s),
        });
        this.chat.seated(s);
      }
    }
  }

  private released(eventId: string, released: Released[]): void {
    for (const r of released) {
      const s = this.attendees.device(eventId, r.registrantId, r.deviceId);
      if (s) this.seatLost(s);
    }
  }
}

let seatOrder = 0;
/** A node-wide counter of seatings (its order matters, not its value). */
export function nextSeatOrder(): number {
  return ++seatOrder;
}
