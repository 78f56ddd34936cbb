import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ObjectStorage } from '#storage';

const CONTENT_TYPES: Record<string, string> = {
  '.ts': 'video/mp2t',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.jpg': 'image/jpeg',
};

function contentTypeOf(path: string): string {
  return CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/**
 * Uploads an HLS tree under `prefix` while ffmpeg writes it: every finished segment (ffmpeg's temp_file flag gives
 * a segment its name only once complete) goes up during the encode; finish() then sends the rest, the media
 * playlists, and the master playlist last, so any playlist a reader can fetch names only objects already there.
 */
export class HlsUploader {
  private readonly uploaded = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private sweeping: Promise<void> = Promise.resolve();
  private failure?: Error;

  constructor(
    private readonly storage: ObjectStorage,
    private readonly dir: string,
    private readonly prefix: string,
    private readonly parallelism: number,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.sweeping = this.sweeping
        .then(() => this.upload((f) => f.endsWith('.ts')))
        .catch((e: Error) => void (this.failure ??= e));
    }, this.intervalMs);
  }

  /** Stops the background sweep (after ffmpeg failed, say) without uploading more. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Uploads whatever is left in order; returns the bytes of every object uploaded. */
  async finish(): Promise<number> {
    await this.stop();
    if (this.failure) throw this.failure;
    await this.upload((f) => !f.endsWith('.m3u8'));
    await this.upload((f) => f.endsWith('.m3u8') && !f.endsWith('master.m3u8'));
    await this.upload((f) => f.endsWith('master.m3u8'));
    return [...this.uploaded.values()].reduce((s, x) => s + x, 0);
  }

  private async upload(select: (file: string) => boolean): Promise<void> {
    const batch = (await filesUnder(this.dir)).filter((f) => !f.endsWith('.tmp') && select(f) && !this.uploaded.has(f));
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const f = batch[next++];
        const size = (await stat(f)).size;
        await this.storage.putFile(`${this.prefix}${relative(this.dir, f).split('\\').join('/')}`, f, contentTypeOf(f));
        this.uploaded.set(f, size);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallelism, batch.length) }, lane));
  }
}
