import nodemailer, { Transporter } from 'nodemailer';
import type { MailMessage } from './mail-message';
import { parseMailbox } from './mailbox';

/** Sends one mail; rejects when the SMTP server refuses it or cannot be reached (the queue retries). */
export interface MailSender {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** A nodemailer SMTP sender for `smtpUrl` (smtp:// or smtps://, credentials in the URL), signing as `from`. */
export function createMailSender(smtpUrl: string, from: string): MailSender {
  const sender = parseMailbox(from);
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    // fail fast: the queue's retries and backoff handle a server that is away
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(m) {
      const info = (await transport.sendMail({
        from: sender,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        // nodemailer adds it as a text/calendar alternative (mail clients show an invitation) and as an attachment
        ...(m.calendar
          ? { icalEvent: { method: m.calendar.method, filename: m.calendar.filename, content: m.calendar.content } }
          : {}),
      })) as { messageId: string };
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
