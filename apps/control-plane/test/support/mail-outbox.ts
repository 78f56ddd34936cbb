import { request } from 'node:http';
import { simpleParser } from 'mailparser';
import { OutboxEntry, listOutbox, readOutboxRaw } from '#mail';
import { eventually } from '#test-support';

// Reading what the test's SMTP catcher received, the way a registrant would read their inbox.

export interface CaughtMail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The calendar invitation attached as a file, when there is one. */
  ics?: string;
  attachmentNames: string[];
  /** The first /join/ link of the plain-text part. */
  joinUrl?: string;
}

/** Mails delivered to `address`, oldest first. */
export async function entriesTo(dir: string, address: string): Promise<OutboxEntry[]> {
  return (await listOutbox(dir)).filter((e) => e.to.includes(address.toLowerCase())).reverse();
}

export async function readCaught(dir: string, entry: OutboxEntry): Promise<CaughtMail> {
  const parsed = await simpleParser((await readOutboxRaw(dir, entry.id))!);
  const file = parsed.attachments.find((a) => a.filename?.endsWith('.ics') && a.contentDisposition === 'attachment');
  const text = parsed.text ?? '';
  return {
    id: entry.id,
    to: entry.to,
    subject: parsed.subject ?? '',
    text,
    html: typeof parsed.html === 'string' ? parsed.html : '',
    ics: file?.content.toString('utf8'),
    attachmentNames: parsed.attachments.map((a) => a.filename ?? ''),
    joinUrl: /https?:\/\/\S+\/join\/\S+/.exec(text)?.[0],
  };
}

/** Waits until `address` has received at least `count` mails; returns all of them, oldest first. */
export async function mailsTo(dir: string, address: string, count: number, timeout = 10_000): Promise<CaughtMail[]> {
  const entries = await eventually(
    async () => {
      const found = await entriesTo(dir, address);
      if (found.length < count) throw new Error(`${address} has ${found.length} mails, waiting for ${count}`);
      return found;
    },
    { timeout },
  );
  return Promise.all(entries.map((e) => readCaught(dir, e)));
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A JSON POST sent from a given local address (127.0.0.x), so tests can be different clients to an IP limit. */
export function postFrom(
  baseUrl: string,
  localAddress: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${path}`,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
