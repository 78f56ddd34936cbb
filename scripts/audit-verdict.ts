// What CI makes of `npm audit --omit=dev --json`: high and critical findings fail the run unless allow-listed with a
// reason (only for advisories with no fix yet); an audit service that cannot be reached is said plainly, not hidden.

export interface AllowEntry {
  /** The package the advisory is about. */
  name: string;
  /** Why it stays for now (no fix released, not reachable in our use, …). */
  reason: string;
}

export type AuditVerdict =
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'findings'; blocking: string[]; allowed: string[] }
  | { kind: 'unavailable'; why: string };

interface AuditReport {
  vulnerabilities?: Record<string, { name: string; severity: string; fixAvailable?: unknown }>;
  metadata?: { vulnerabilities?: Record<string, number> };
  message?: string;
  statusCode?: number;
  error?: { summary?: string };
}

const BLOCKING = new Set(['high', 'critical']);

export function auditVerdict(json: string, allow: readonly AllowEntry[]): AuditVerdict {
  let report: AuditReport;
  try {
    report = JSON.parse(json) as AuditReport;
  } catch {
    return { kind: 'unavailable', why: 'npm audit printed no report' };
  }
  if (!report.vulnerabilities || !report.metadata?.vulnerabilities) {
    return {
      kind: 'unavailable',
      why: report.message ?? report.error?.summary ?? `the audit service answered ${report.statusCode ?? 'no report'}`,
    };
  }
  const blocking: string[] = [];
  const allowed: string[] = [];
  for (const v of Object.values(report.vulnerabilities)) {
    if (!BLOCKING.has(v.severity)) continue;
    const entry = allow.find((a) => a.name === v.name);
    (entry ? allowed : blocking).push(`${v.name} (${v.severity})${entry ? `: ${entry.reason}` : ''}`);
  }
  return blocking.length + allowed.length === 0
    ? { kind: 'clean', counts: report.metadata.vulnerabilities }
    : { kind: 'findings', blocking, allowed };
}
