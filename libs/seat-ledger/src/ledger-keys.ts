import type { AdmissionPhase } from '#domain';

export type { AdmissionPhase };

// Every key of one event's ledger shares the hash tag `{evt:<id>}`, so each Lua script touches a single Redis Cluster slot.
// Viewing on demand has seats of its own, so the end of the live phase does not close the recording.
export function eventLedgerBase(prefix: string, eventId: string, phase: AdmissionPhase = 'live'): string {
  return phase === 'live' ? `${prefix}:{evt:${eventId}}` : `${prefix}:{evt:${eventId}}:${phase}`;
}

/**
 * An event's attendance log, which the control plane consumes. A ledger script writes it in the same step as the
 * seat change, so it carries the event's `{evt:<id>}` tag: a script may only touch keys of one Redis Cluster slot.
 * One stream per event (like the chat's), not ATTENDANCE_SHARDS shards of a deployment stream: a shard `{att:<s>}`
 * would be a slot of its own, so no ledger script could write it.
 */
export function attendanceStreamKey(prefix: string, eventId: string): string {
  return `${prefix}:{evt:${eventId}}:attendance`;
}

/**
 * The one attendance stream of the deployment that ledgers wrote before the per-event streams (it would span slots on
 * a cluster). Nothing writes it any more but admission nodes of the previous release during an upgrade; the control
 * plane reads it until it is drained.
 */
export function sharedAttendanceStreamKey(prefix: string): string {
  return `${prefix}:attendance`;
}

/**
 * The events whose attendance stream may hold entries: the ledger adds an event before every script that may log,
 * so the control plane finds every stream without scanning the keyspace.
 */
export function attendanceEventsKey(prefix: string): string {
  return `${prefix}:attendance:events`;
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
