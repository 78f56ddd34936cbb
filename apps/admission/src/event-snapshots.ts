import type { Redis } from 'ioredis';
import { EventChange, EventSnapshot, eventChangeChannel, eventSnapshotKey } from '#event-contract';

/**
 * The events this node has seen, as the control plane last wrote them to Redis. A change on the channel drops the
 * cached copy and tells the listener, so an ended event reaches every node at once.
 */
export class EventSnapshots {
  private readonly cache = new Map<string, Promise<EventSnapshot | null>>();
  private readonly listeners: ((change: EventChange) => void)[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
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
    let p = this.cache.get(eventId);
    if (!p) {
      p = this.redis.get(eventSnapshotKey(this.prefix, eventId)).then((raw) => (raw ? (JSON.parse(raw) as EventSnapshot) : null));
      p.catch(() => this.cache.delete(eventId));
      this.cache.set(eventId, p);
    }
    return p;
  }
}
