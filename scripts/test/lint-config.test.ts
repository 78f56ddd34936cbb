import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { ESLint } from 'eslint';

// The lint configuration is only worth running if it catches what it was set up for: a scratch file inside a
// real package, linted with the repository's own configuration, must fail for each of these.
const ROOT = resolve(__dirname, '../../..');
const SCRATCH = join(ROOT, 'libs/domain/src/lint-scratch.ts');

async function findingsFor(source: string): Promise<string[]> {
  writeFileSync(SCRATCH, source);
  const [result] = await new ESLint({ cwd: ROOT }).lintFiles([SCRATCH]);
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('the lint configuration', () => {
  after(() => rmSync(SCRATCH, { force: true }));

  it('refuses an unawaited promise', async () => {
    const rules = await findingsFor('export function f(): void {\n  Promise.resolve(1);\n}\n');
    assert.ok(rules.includes('@typescript-eslint/no-floating-promises'), `found: ${rules.join(', ')}`);
  });

  it('refuses an async callback where a void one is expected', async () => {
    const rules = await findingsFor('export function f(): void {\n  [1].forEach(async () => {});\n}\n');
    assert.ok(rules.includes('@typescript-eslint/no-misused-promises'), `found: ${rules.join(', ')}`);
  });

  it('refuses a relative import that reaches into another package', async () => {
    const rules = await findingsFor("export { seatLedger } from '../../seat-ledger/src/index';\n");
    assert.ok(rules.includes('project/no-cross-package-relative-import'), `found: ${rules.join(', ')}`);
  });

  it('passes a clean file', async () => {
    assert.deepEqual(await findingsFor('export const answer = 42;\n'), []);
  });
});
