import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditVerdict } from '../audit-verdict';

const report = (vulns: Record<string, { name: string; severity: string }>) =>
  JSON.stringify({ vulnerabilities: vulns, metadata: { vulnerabilities: { high: 0, critical: 0 } } });

describe("CI's reading of npm audit", () => {
  it('passes a report with no high or critical finding', () => {
    const v = auditVerdict(report({ debug: { name: 'debug', severity: 'low' } }), []);
    assert.equal(v.kind, 'clean');
  });

  it('blocks a high or critical finding unless it is allow-listed with a reason', () => {
    const json = report({
      a: { name: 'a', severity: 'critical' },
      b: { name: 'b', severity: 'high' },
      c: { name: 'c', severity: 'moderate' },
    });
    const v = auditVerdict(json, [{ name: 'b', reason: 'no fix released; not reachable from our code' }]);
    assert.deepEqual(v, {
      kind: 'findings',
      blocking: ['a (critical)'],
      allowed: ['b (high): no fix released; not reachable from our code'],
    });
  });

  it('says when the registry has no audit service instead of passing silently', () => {
    const v = auditVerdict(JSON.stringify({ message: '405 Method Not Allowed', statusCode: 405 }), []);
    assert.deepEqual(v, { kind: 'unavailable', why: '405 Method Not Allowed' });
    assert.equal(auditVerdict('', []).kind, 'unavailable');
  });
});
