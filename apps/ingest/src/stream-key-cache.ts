/**
 * Stream keys that may publish, refreshed from the control plane in the background. node-media-server's
 * prePublish hook is synchronous, so the first check is against this map; the control plane confirms afterwards.
 */
export class StreamKeyCache {
  private keys = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private loaded = false;

  constructor(
    private readonly load: () => Promise<Array<{ streamKey: string; eventId: string }>>,
    private readonly onError: (e: Error) => void,
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

  async refresh(): Promise<void> {
    const list = await this.load();
    this.keys = new Map(list.map((k) => [k.streamKey, k.eventId]));
    this.loaded = true;
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
