import type { Socket } from 'socket.io';
import type { SeatTier } from '#domain';
import type { LedgerEvent } from '#seat-ledger';
import type { ClientToServerEvents, ServerToClientEvents } from '#contracts';
import type { Joiner } from './join-handshake';

export interface AttendeeState {
  joiner: Joiner;
  member: string;
  /** The event, its terms and the phase (live or on demand) this socket was admitted to. */
  ledgerEvent: LedgerEvent;
  status: 'deciding' | 'admitted' | 'waiting';
  tier?: SeatTier;
  /** This node's order of seating (a counter): who re-attaches first when the ledger was lost. */
  seatedOrder?: number;
  position?: number;
  /** When this socket last got a playback token (node clock: only paces refreshes, never decides a seat). */
  tokenAt: number;
  /** Set when the node or the attendee closed the socket on purpose: no reconnect grace then. */
  closing?: boolean;
}

export type AttendeeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AttendeeState>;

/** The sockets this node holds, by event, registrant and device. */
export class LocalAttendees {
  private readonly byEvent = new Map<string, Map<string, Map<string, AttendeeSocket>>>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  /** Adds a socket; answers the socket it replaces (the same device connected twice to this node). */
  add(s: AttendeeSocket): AttendeeSocket | undefined {
    const { eventId, registrantId, deviceId } = s.data.joiner;
    let regs = this.byEvent.get(eventId);
    if (!regs) this.byEvent.set(eventId, (regs = new Map<string, Map<string, AttendeeSocket>>()));
    let devices = regs.get(registrantId);
    if (!devices) regs.set(registrantId, (devices = new Map<string, AttendeeSocket>()));
    const previous = devices.get(deviceId);
    if (!previous) this.total++;
    devices.set(deviceId, s);
    return previous;
  }

  remove(s: AttendeeSocket): boolean {
    const { eventId, registrantId, deviceId } = s.data.joiner;
    const regs = this.byEvent.get(eventId);
    const devices = regs?.get(registrantId);
    if (!regs || !devices || devices.get(deviceId) !== s) return false;
    devices.delete(deviceId);
    this.total--;
    if (devices.size === 0) regs.delete(registrantId);
    if (regs.size === 0) this.byEvent.delete(eventId);
    return true;
  }

  events(): string[] {
    return [...this.byEvent.keys()];
  }

  ofRegistrant(eventId: string, registrantId: string): AttendeeSocket[] {
    return [...(this.byEvent.get(eventId)?.get(registrantId)?.values() ?? [])];
  }

  device(eventId: string, registrantId: string, deviceId: string): AttendeeSocket | undefined {
    return this.byEvent.get(eventId)?.get(registrantId)?.get(deviceId);
  }

  *ofEvent(eventId: string): Iterable<AttendeeSocket> {
    for (const devices of this.byEvent.get(eventId)?.values() ?? []) yield* devices.values();
  }
}
