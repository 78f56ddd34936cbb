import { createMailSender, smtpUrlOf } from '#mail';
import type { ControlPlaneConfig } from '../config';

/** Injection token of the `MailSender` (#mail): SMTP_URL, else the embedded catcher. */
export const MAIL_SENDER = Symbol('MAIL_SENDER');

export const mailSenderOf = (config: ControlPlaneConfig) => createMailSender(smtpUrlOf(config), config.MAIL_FROM);
