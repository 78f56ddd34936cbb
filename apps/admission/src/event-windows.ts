import type { LedgerEvent } from '#seat-ledger';
import { admissionWindow } from './admission-window';
import { EventSnapshots } from './event-snapshots';

/** The ledger terms and phase each known event admits to now, refreshed when its snapshot changes. */
export class EventWindows {
  private readonly open = new Map<string, LedgerEvent>();
  /** The snapshot version each event's window was last taken from. */
  private readonly versions = new Map<string, number>();

  constructor(private readonly snapshots: EventSnapshots) {}

  get(eventId: string): LedgerEvent | undefined {
    return this.open.get(eventId);
  }

  /** The window now; `firstSeen` is the snapshot version it came from when this node did not know the event yet. */
  set(ev: LedgerEvent, firstSeen?: number): void {
    this.open.set(ev.eventId, ev);
    if (firstSeen !== undefined && !this.versions.has(ev.eventId)) this.versions.set(ev.eventId, firstSeen);
  }

  /** A change of the event was handled (its live attendees told, its ledger ended). */
  handled(eventId: string, version: number): void {
    this.versions.set(eventId, Math.max(version, this.versions.get(eventId) ?? 0));
  }

  /** A snapshot newer than the one this window came from was written without this node hearing of it: replay it. */
  async catchUp(eventId: string): Promise<void> {
    const snapshot = await this.snapshots.get(eventId);
    const seen = this.versions.get(eventId);
    if (snapshot && seen !== undefined && snapshot.version > seen) {
      this.handled(eventId, snapshot.version);
      this.snapshots.notify({ eventId, state: snapshot.state, version: snapshot.version });
    }
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
    this.set(window.ledgerEvent, snapshot.version);
    return window.ledgerEvent;
  }
}
