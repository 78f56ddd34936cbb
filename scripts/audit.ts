import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AllowEntry, auditVerdict } from './audit-verdict';

// `npm audit --omit=dev` for CI: exit 1 on a high or critical finding that is not allow-listed in
// scripts/audit-allow.json. When the registry offers no audit service (a mirror, a proxy), it says so and exits 0:
// there is nothing to judge, and the run should not pretend there was.

const root = join(__dirname, '../..');
const allow = JSON.parse(readFileSync(join(root, 'scripts/audit-allow.json'), 'utf8')) as AllowEntry[];

execFile('npm', ['audit', '--omit=dev', '--json'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout) => {
  const verdict = auditVerdict(stdout, allow);
  switch (verdict.kind) {
    case 'clean':
      console.log(`npm audit --omit=dev: no high or critical finding (${JSON.stringify(verdict.counts)})`);
      return;
    case 'unavailable':
      console.log(`npm audit --omit=dev: not run, the registry's audit service is unavailable here (${verdict.why})`);
      return;
    case 'findings':
      for (const a of verdict.allowed) console.log(`npm audit: allowed ${a}`);
      for (const b of verdict.blocking) console.error(`npm audit: ${b}`);
      if (verdict.blocking.length > 0) process.exitCode = 1;
  }
});
