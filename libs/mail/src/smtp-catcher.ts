import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { OutboxEntry, storeOutboxMessage } from './outbox-store';

export interface SmtpCatcher {
  /** smtp://host:port, for SMTP_URL or MAIL_CATCHER_PORT. */
  url: string;
  port: number;
  dir: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/**
 * An SMTP server that accepts every mail (any sender, any recipient, no authentication) and keeps it under `dir`
 * instead of delivering it: `npm start` runs it when SMTP_URL is unset, tests run their own.
 */
export async function startSmtpCatcher(opts: {
  dir: string;
  port?: number;
  host?: string;
  onMessage?: (entry: OutboxEntry) => void;
}): Promise<SmtpCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: MAX_MESSAGE_BYTES,
    // a client that keeps a pooled connection open must not hold shutdown for the default 30 s
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e) => callback(e));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        storeOutboxMessage(opts.dir, Buffer.concat(chunks), envelope).then(
          (entry) => {
            opts.onMessage?.(entry);
            callback();
          },
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host}:${port}`,
    port,
    dir: opts.dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
