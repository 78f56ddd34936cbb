import type { IcsMethod } from './ics-invitation';
import type { Mailbox } from './mailbox';

/** One mail as the transport sends it: both parts always, a calendar invitation when there is one. */
export interface MailMessage {
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  calendar?: { method: IcsMethod; filename: string; content: string };
}
