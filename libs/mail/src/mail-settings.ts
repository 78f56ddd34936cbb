import { join } from 'node:path';
import { ConfigOf, EnvVar, documentedAs, env, sharedSettings } from '#config';
import { parseMailbox } from './mailbox';

function mailbox(describe: string, def: string): EnvVar<string> {
  return {
    describe: `${describe} (an address such as "Webcasts <webcasts@example.com>" or webcasts@example.com)`,
    default: def,
    parse: (raw) => {
      parseMailbox(raw);
      return raw.trim();
    },
  };
}

// The mail settings of the control plane (which sends) and of the embedded catcher `npm start` runs without SMTP_URL.
export const mailSettings = {
  SMTP_URL: env.optionalUrl(
    'SMTP server mails are sent through, e.g. smtps://user:password@smtp.example.com:465; unset = the embedded catcher on 127.0.0.1:MAIL_CATCHER_PORT that `npm start` runs (development only)',
    ['smtp', 'smtps'],
  ),
  MAIL_FROM: mailbox('sender of every mail', 'Webcasts <webcasts@localhost>'),
  MAIL_CATCHER_PORT: env.port('port of the embedded SMTP catcher used when SMTP_URL is unset', 1025),
  MAIL_OUTBOX_DIR: documentedAs(
    '<working folder>/.data/outbox',
    env.string(
      'folder the embedded SMTP catcher keeps messages in (read by the development outbox when SMTP_URL is unset)',
      join(process.cwd(), '.data', 'outbox'),
    ),
  ),
};

export type MailConfig = ConfigOf<typeof mailSettings>;

/** What the embedded catcher process reads: the same port and folder the control plane is told. */
export const smtpCatcherSettings = {
  MAIL_CATCHER_PORT: mailSettings.MAIL_CATCHER_PORT,
  MAIL_OUTBOX_DIR: mailSettings.MAIL_OUTBOX_DIR,
  LOG_LEVEL: sharedSettings.LOG_LEVEL,
};

/** Where mails go: SMTP_URL, else the embedded catcher. */
export function smtpUrlOf(config: Pick<MailConfig, 'SMTP_URL' | 'MAIL_CATCHER_PORT'>): string {
  return config.SMTP_URL ?? `smtp://127.0.0.1:${config.MAIL_CATCHER_PORT}`;
}

/** True when mails go to the embedded catcher, whose outbox the development API may then show. */
export function usesMailCatcher(config: Pick<MailConfig, 'SMTP_URL'>): boolean {
  return config.SMTP_URL === undefined;
}
