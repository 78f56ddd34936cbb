import { verifyJoinToken } from '#tokens';
import { Refusal, refusal } from './refusal';

export interface Joiner {
  eventId: string;
  registrantId: string;
  deviceId: string;
}

const DEVICE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const EVENT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Checks what a client sends when it connects (Socket.io `auth`): its join token, the event it asks for, its device. */
export function checkHandshake(
  auth: unknown,
  joinSecret: string,
  nowMs = Date.now(),
): { ok: true; joiner: Joiner } | { ok: false; refusal: Refusal } {
  const a = (typeof auth === 'object' && auth !== null ? auth : {}) as Record<string, unknown>;
  if (typeof a.token !== 'string' || a.token.length === 0) {
    return { ok: false, refusal: refusal('token-missing', "connect with auth.token set to your join link's token") };
  }
  if (typeof a.eventId !== 'string' || !EVENT_ID.test(a.eventId)) {
    return { ok: false, refusal: refusal('bad-request', 'auth.eventId must name the event to join') };
  }
  if (typeof a.deviceId !== 'string' || !DEVICE_ID.test(a.deviceId)) {
    return {
      ok: false,
      refusal: refusal('bad-request', 'auth.deviceId must be 1-64 characters of letters, digits, ".", "_", ":" or "-"'),
    };
  }
  if (a.token.length > 4096) return { ok: false, refusal: refusal('token-invalid', 'the join token is not valid') };
  const check = verifyJoinToken(a.token, joinSecret, nowMs);
  if (!check.ok) {
    if (/expired/.test(check.reason)) {
      return { ok: false, refusal: refusal('token-expired', 'this join link has expired') };
    }
    if (/tampered/.test(check.reason)) {
      return { ok: false, refusal: refusal('token-tampered', "the join token's signature is invalid (tampered?)") };
    }
    return { ok: false, refusal: refusal('token-invalid', `the join token is not valid: ${check.reason}`) };
  }
  if (check.claims.eventId !== a.eventId) {
    return { ok: false, refusal: refusal('other-event', 'this join link is for another event') };
  }
  if (check.claims.registrantId.includes('|')) {
    return { ok: false, refusal: refusal('token-invalid', 'the join token is not valid') };
  }
  return { ok: true, joiner: { eventId: a.eventId, registrantId: check.claims.registrantId, deviceId: a.deviceId } };
}
