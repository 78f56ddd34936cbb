import { KeyObject, createSecretKey } from 'node:crypto';

// jsonwebtoken tries a string secret as a PEM key on every call (slow, measured at ~23 % of an admission node's CPU
// per join): hand it a KeyObject made once per secret instead.
const keys = new Map<string, KeyObject>();

export function secretKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}
