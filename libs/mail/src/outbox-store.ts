import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The embedded catcher's store: one `<id>.eml` per message as received, and `index.jsonl` with one summary line per
// message (appended, so a reader never sees a half-rewritten file; a half-written last line is skipped).

export interface OutboxEntry {
  id: string;
  /** The envelope recipients: who the mail was actually delivered to. */
  to: string[];
  from: string;
  subject: string;
  /** When the catcher received it (ISO 8601). */
  date: string;
  size: number;
}

export interface OutboxMessage extends OutboxEntry {
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; size: number }[];
}

const INDEX = 'index.jsonl';

// Loaded on first use: only the development catcher and outbox parse mails, and mailparser is a development
// dependency (a production image, pruned of those, still starts).
const parseMail = async (raw: Buffer) => (await import('mailparser')).simpleParser(raw);
const ID = /^[0-9a-f-]{36}$/;

export async function storeOutboxMessage(
  dir: string,
  raw: Buffer,
  envelope: { from: string; to: string[] },
  receivedAt = new Date(),
): Promise<OutboxEntry> {
  await mkdir(dir, { recursive: true });
  const parsed = await parseMail(raw);
  const entry: OutboxEntry = {
    id: randomUUID(),
    to: envelope.to,
    from: envelope.from,
    subject: parsed.subject ?? '',
    date: receivedAt.toISOString(),
    size: raw.length,
  };
  await writeFile(join(dir, `${entry.id}.eml`), raw);
  await appendFile(join(dir, INDEX), `${JSON.stringify(entry)}\n`);
  return entry;
}

/** Every caught message, newest first. */
export async function listOutbox(dir: string): Promise<OutboxEntry[]> {
  let content: string;
  try {
    content = await readFile(join(dir, INDEX), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const entries: OutboxEntry[] = [];
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as OutboxEntry);
    } catch {
      // the line being appended right now
    }
  }
  return entries.reverse();
}

/** One caught message with its parts, or null when there is none with this id. */
export async function readOutboxMessage(dir: string, id: string): Promise<OutboxMessage | null> {
  if (!ID.test(id)) return null;
  const entry = (await listOutbox(dir)).find((e) => e.id === id);
  if (!entry) return null;
  const parsed = await parseMail(await readFile(join(dir, `${id}.eml`)));
  return {
    ...entry,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

/** The raw message as received (tests parse it themselves, e.g. to read the .ics). */
export async function readOutboxRaw(dir: string, id: string): Promise<Buffer | null> {
  if (!ID.test(id)) return null;
  try {
    return await readFile(join(dir, `${id}.eml`));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
