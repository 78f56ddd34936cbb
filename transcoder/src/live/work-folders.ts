import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '#process';

// Each running stream keeps its segments in a folder of LIVE_WORK_DIR until they are uploaded, removed when the
// stream stops. A worker killed with -9 leaves its folders behind: the folder's name says which process made it, so
// any worker sharing the work dir can tell a dead process's folder from a living one's and sweep it.

/** This process among all that ever had its pid (in a container, every worker may be pid 1). */
const BOOT = randomBytes(3).toString('hex');

export interface WorkFolderOwner {
  pid: number;
  boot: string;
}

export const SELF: WorkFolderOwner = { pid: process.pid, boot: BOOT };

/** Name prefix of a stream's folder (mkdtemp appends random characters). */
export function workFolderPrefix(eventId: string, owner: WorkFolderOwner = SELF): string {
  return `live-${owner.pid}-${owner.boot}-${eventId.slice(0, 8)}-`;
}

export interface WorkFolder {
  name: string;
  mtimeMs: number;
}

export interface SweepRule {
  self: WorkFolderOwner;
  /** Whether a process with this pid runs on this machine. */
  isAlive(pid: number): boolean;
  now: number;
  /** Folders named before owners were (live-<event>-<random>) are swept once this old. */
  unnamedMaxAgeMs: number;
}

const OWNED = /^live-(\d+)-([0-9a-f]{6})-[0-9a-f]{8}-[A-Za-z0-9]{6}$/;
const UNOWNED = /^live-[0-9a-f]{8}-[A-Za-z0-9]{6}$/;

/**
 * The folders of streams no process runs any more: made by a process that is gone, or by an earlier process with
 * this one's pid. A folder that is not a stream's (the work dir defaults to the temp folder) is never chosen.
 */
export function staleWorkFolders(folders: readonly WorkFolder[], rule: SweepRule): string[] {
  return folders
    .filter((f) => {
      const owned = OWNED.exec(f.name);
      if (owned) {
        const pid = Number(owned[1]);
        if (pid === rule.self.pid) return owned[2] !== rule.self.boot;
        return !rule.isAlive(pid);
      }
      return UNOWNED.test(f.name) && rule.now - f.mtimeMs > rule.unnamedMaxAgeMs;
    })
    .map((f) => f.name);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the folders of dead streams from the work dir; returns their names. Never throws. */
export async function sweepWorkFolders(workDir: string, log: Logger): Promise<string[]> {
  try {
    const entries = await readdir(workDir, { withFileTypes: true });
    const folders: WorkFolder[] = [];
    for (const e of entries) {
      if (!e.isDirectory() || !e.name.startsWith('live-')) continue;
      const s = await stat(join(workDir, e.name)).catch(() => null);
      if (s) folders.push({ name: e.name, mtimeMs: s.mtimeMs });
    }
    const stale = staleWorkFolders(folders, { self: SELF, isAlive, now: Date.now(), unnamedMaxAgeMs: 24 * 3600_000 });
    for (const name of stale) await rm(join(workDir, name), { recursive: true, force: true });
    if (stale.length) log.info({ workDir, folders: stale }, 'swept the local segments of streams no worker runs');
    return stale;
  } catch (e) {
    log.warn({ workDir, error: (e as Error).message }, 'could not sweep the live work dir');
    return [];
  }
}
