/**
 * Stream keys that may publish, refreshed from the control plane in the background. node-media-server's
 * prePublish hook is synchronous, so the first check is against this map; the control plane confirms afterwards.
 * Reloads come from three sides: a timer (the fallback), each event change the control plane announces, and a
 * publisher whose key is not known yet. Concurrent asks share one load, so a burst costs one list query.
 */
export class StreamKeyCache {
  private keys = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private loaded = false;
  private inFlight?: Promise<void>;
  /** A reload asked for while one was running: the running one may have read the list before the change. */
  private again?: Promise<void>;
  private lastMissReloadAt = -Infinity;
  private pendingMiss?: Promise<void>;

  constructor(
    private readonly load: () => Promise<Array<{ streamKey: string; eventId: string }>>,
    private readonly onError: (e: Error) => void,
    /** Unknown keys reload the list at most this often (a key guesser gets the last answer in between). */
    private readonly missReloadSpacingMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  /** The event a key belongs to, if it may publish. */
  eventOf(streamKey: string): string | undefined {
    return this.keys.get(streamKey);
  }

  has(streamKey: string): boolean {
    return this.keys.has(streamKey);
  }

  get ready(): boolean {
    return this.loaded;
  }

  refresh(): Promise<void> {
    return this.reloadNow();
  }

  /** A load that starts after this call (joining one queued behind the running load, if any). */
  reloadNow(): Promise<void> {
    if (!this.inFlight) return this.run();
    this.again ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.again = undefined;
        return this.run();
      });
    return this.again;
  }

  /**
   * For an unknown key: a load that starts after this call, at most one per spacing (later misses in the same
   * window share the next one), so a key guesser cannot make honest new keys wait, nor flood the control plane.
   */
  reloadForMiss(): Promise<void> {
    if (this.pendingMiss) return this.pendingMiss;
    const wait = Math.max(0, this.lastMissReloadAt + this.missReloadSpacingMs - this.now());
    this.pendingMiss = new Promise<void>((resolve) => setTimeout(resolve, wait)).then(() => {
      this.pendingMiss = undefined;
      this.lastMissReloadAt = this.now();
      return this.reloadNow();
    });
    return this.pendingMiss;
  }

  private run(): Promise<void> {
    const p = (async () => {
      const list = await this.load();
      this.keys = new Map(list.map((k) => [k.streamKey, k.eventId]));
      this.loaded = true;
    })();
    this.inFlight = p;
    const clear = () => {
      if (this.inFlight === p) this.inFlight = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  start(intervalMs: number): void {
    const tick = () => {
      void this.refresh()
        .catch(this.onError)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
