import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkFolderOwner, staleWorkFolders, workFolderPrefix } from '../src/live/work-folders';

const self: WorkFolderOwner = { pid: 100, boot: 'aaaaaa' };
const alive = new Set([100, 200]);
const now = Date.parse('2026-12-02T19:00:00Z');
const rule = { self, isAlive: (pid: number) => alive.has(pid), now, unnamedMaxAgeMs: 24 * 3600_000 };
const event = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const folder = (owner: WorkFolderOwner, mtimeMs = now) => ({
  name: `${workFolderPrefix(event, owner)}Xy12Zq`,
  mtimeMs,
});

describe('the local folders of streams a sweep removes', () => {
  it('removes the folders of a process that is gone', () => {
    const dead = folder({ pid: 300, boot: 'bbbbbb' });
    assert.deepEqual(staleWorkFolders([dead], rule), [dead.name]);
  });

  it('keeps the folders of this process and of another living worker', () => {
    assert.deepEqual(staleWorkFolders([folder(self), folder({ pid: 200, boot: 'cccccc' })], rule), []);
  });

  it('removes a folder of an earlier process with this pid (a restarted container is pid 1 again)', () => {
    const earlier = folder({ pid: 100, boot: 'dddddd' });
    assert.deepEqual(staleWorkFolders([earlier], rule), [earlier.name]);
  });

  it('removes a folder named without its owner only once it is a day old', () => {
    const old = { name: 'live-0f1e2d3c-Ab12Cd', mtimeMs: now - 25 * 3600_000 };
    const recent = { name: 'live-0f1e2d3c-Ef34Gh', mtimeMs: now - 3600_000 };
    assert.deepEqual(staleWorkFolders([old, recent], rule), [old.name]);
  });

  it('never touches a folder that is not a stream’s, however old (the work dir defaults to the temp folder)', () => {
    const others = ['live-s3-abc123', 'ingest-Ab12Cd', 'live-work-Ab12Cd', 'live-notes'].map((name) => ({
      name,
      mtimeMs: 0,
    }));
    assert.deepEqual(staleWorkFolders(others, rule), []);
  });
});
