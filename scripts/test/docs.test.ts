import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

// The README is the front door and stays short; the rest lives under docs/. Every link in them must land inside
// the repository, on a file that exists.
const ROOT = resolve(__dirname, '../../..');
const README_MAX_BYTES = 6 * 1024;

function markdownFiles(): string[] {
  const out = ['README.md', 'bench/RESULTS.md'];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.md')) out.push(path);
    }
  };
  walk('docs');
  return out;
}

describe('the documentation', () => {
  it(`keeps the README within ${README_MAX_BYTES} bytes`, () => {
    const size = readFileSync(join(ROOT, 'README.md')).length;
    assert.ok(size <= README_MAX_BYTES, `README.md is ${size} bytes; move detail into docs/`);
  });

  it('links only to files inside the repository that exist', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const path = resolve(ROOT, dirname(file), target.split('#')[0]);
        const inside = !relative(ROOT, path).startsWith('..');
        if (!inside || !existsSync(path)) broken.push(`${file} → ${target}`);
      }
      // a path out of the repository in prose or code (../shared/…, /work/…) is as broken as a link
      for (const [, path] of text.matchAll(/(?:^|[\s`(])(\.\.\/[\w./-]+|\/work\/[\w./-]+)/g)) {
        const outside = path.startsWith('/') || relative(ROOT, resolve(ROOT, dirname(file), path)).startsWith('..');
        if (outside) broken.push(`${file} → ${path}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
