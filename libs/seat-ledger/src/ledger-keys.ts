import type { AdmissionPhase } from '#domain';

export type { AdmissionPhase };

// Every key of one event's ledger shares the hash tag `{evt:<id>}`, so each Lua script touches a single Redis Cluster slot.
// Viewing on demand has seats of its own, so the end of the live phase does not close the recording.
export function eventLedgerBase(prefix: string, eventId: string, phase: AdmissionPhase = 'live'): string {
  return phase === 'live' ? `${prefix}:{evt:${eventId}}` : `${prefix}:{evt:${eventId}}:${phase}`;
}

/** The attendance log the control plane consumes (one stream per deployment). */
export function attendanceStreamKey(prefix: string): string {
  return `${prefix}:attendance`;
}

/** Events that have had attendees, so any node can sweep lapsed leases even for events it holds no socket of. */
export function activeEventsKey(prefix: string): string {
  return `${prefix}:admission:events`;
}

/** A device attachment is stored as `<registrant>|<device>`; registrant ids never contain `|`. */
export function attachmentMember(registrantId: string, deviceId: string): string {
  return `${registrantId}|${deviceId}`;
}

export function splitAttachment(member: string): { registrantId: string; deviceId: string } {
  const i = member.indexOf('|');
  return { registrantId: member.slice(0, i), deviceId: member.slice(i + 1) };
}
