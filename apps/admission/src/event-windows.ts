import type { LedgerEvent } from '#seat-ledger';
import { admissionWindow } from './admission-window';
import { EventSnapshots } from './event-snapshots';

/** The ledger terms and phase each known event admits to now, refreshed when its snapshot changes. */
export class EventWindows {
  private readonly open = new Map<string, LedgerEvent>();

  constructor(private readonly snapshots: EventSnapshots) {}

  get(eventId: string): LedgerEvent | undefined {
    return this.open.get(eventId);
  }

  set(ev: LedgerEvent): void {
    this.open.set(ev.eventId, ev);
  }

  forget(eventId: string): void {
    this.open.delete(eventId);
  }

  /** The event's current window, read from its snapshot when this node has not seen it yet; null when closed. */
  async resolve(eventId: string): Promise<LedgerEvent | null> {
    const known = this.open.get(eventId);
    if (known) return known;
    const snapshot = await this.snapshots.get(eventId);
    if (!snapshot) return null;
    const window = admissionWindow(snapshot);
    if (!window.open) return null;
    this.open.set(eventId, window.ledgerEvent);
    return window.ledgerEvent;
  }
}
