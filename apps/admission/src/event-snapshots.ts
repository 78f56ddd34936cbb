import type { Redis } from 'ioredis';
import { EventChange, EventSnapshot, eventChangeChannel, eventSnapshotKey } from '#contracts';

/**
 * The events this node has seen, as the control plane last wrote them to Redis. A change on the channel drops the
 * cached copy and tells the listener, so an ended event reaches every node at once; copies older than `maxAgeMs` are
 * read again, so a change announced while this node's subscriber was reconnecting is not missed for long.
 */
export class EventSnapshots {
  private readonly cache = new Map<string, { at: number; snapshot: Promise<EventSnapshot | null> }>();
  private readonly listeners: ((change: EventChange) => void)[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly maxAgeMs = 5_000,
  ) {}

  async start(): Promise<void> {
    const channel = eventChangeChannel(this.prefix);
    this.subscriber.on('message', (ch: string, message: string) => {
      if (ch !== channel) return;
      let change: EventChange;
      try {
        change = JSON.parse(message) as EventChange;
      } catch {
        return;
      }
      this.cache.delete(change.eventId);
      for (const l of this.listeners) l(change);
    });
    await this.subscriber.subscribe(channel);
  }

  onChange(listener: (change: EventChange) => void): void {
    this.listeners.push(listener);
  }

  get(eventId: string): Promise<EventSnapshot | null> {
    const cached = this.cache.get(eventId);
    if (cached && Date.now() - cached.at < this.maxAgeMs) return cached.snapshot;
    const snapshot = this.redis
      .get(eventSnapshotKey(this.prefix, eventId))
      .then((raw) => (raw ? (JSON.parse(raw) as EventSnapshot) : null));
    snapshot.catch(() => this.cache.delete(eventId));
    this.cache.set(eventId, { at: Date.now(), snapshot });
    return snapshot;
  }

  /** Replays a change this node may have missed: the listeners hear it as if it came on the channel. */
  notify(change: EventChange): void {
    for (const l of this.listeners) l(change);
  }
}
