import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ObjectStorage } from '#storage';

const CONTENT_TYPES: Record<string, string> = {
  '.ts': 'video/mp2t',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.jpg': 'image/jpeg',
};

function contentTypeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.'));
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/**
 * Uploads a rendered HLS tree under `prefix`: segments first, then media playlists, the master playlist last, so
 * any playlist a reader can fetch names only objects already there.
 */
export async function uploadHlsDirectory(storage: ObjectStorage, dir: string, prefix: string, parallelism: number): Promise<number> {
  const files = await filesUnder(dir);
  const rank = (f: string) => (f.endsWith('master.m3u8') ? 2 : f.endsWith('.m3u8') ? 1 : 0);
  let bytes = 0;
  for (const stage of [0, 1, 2]) {
    const batch = files.filter((f) => rank(f) === stage);
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const f = batch[next++];
        await storage.putFile(`${prefix}${relative(dir, f).split('\\').join('/')}`, f, contentTypeOf(f));
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallelism, batch.length) }, lane));
  }
  for (const f of files) bytes += (await stat(f)).size;
  return bytes;
}
