/** A mail address with an optional display name. */
export interface Mailbox {
  name?: string;
  address: string;
}

// Deliberately simple: one address, optionally "Name <address>"; enough for a sender setting.
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+$/;

export function parseMailbox(raw: string): Mailbox {
  const text = raw.trim();
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(text);
  const address = (named ? named[2] : text).trim();
  if (!ADDRESS.test(address)) throw new Error(`not a mail address: ${raw}`);
  const name = named?.[1].trim().replace(/^"(.*)"$/, '$1');
  return name ? { name, address } : { address };
}
