import { MailDocument, renderHtml, renderText } from './mail-document';
import type { MailLanguage } from './mail-language';
import type { MailMessage } from './mail-message';
import type { Mailbox } from './mailbox';

/** What an account administrator is told when one of the account's webhook endpoints stops receiving. */
export interface WebhookFailingFacts {
  language: MailLanguage;
  to: Required<Mailbox>;
  endpointUrl: string;
  /** The last attempt's error or status, as the delivery log shows it. */
  lastError: string;
  /** true when deliveries were switched off (after failing for WEBHOOK_DISABLE_AFTER), false when only failing. */
  disabled: boolean;
  /** The endpoint's page in the console: its delivery log, replay, enable. */
  consoleUrl: string;
}

const TEXTS: Record<MailLanguage, (f: WebhookFailingFacts) => Omit<MailDocument, 'language'>> = {
  en: (f) => ({
    subject: f.disabled
      ? `Webhook endpoint disabled: ${f.endpointUrl}`
      : `Webhook deliveries failing: ${f.endpointUrl}`,
    blocks: [
      { kind: 'paragraph', text: `Hello ${f.to.name},` },
      {
        kind: 'paragraph',
        text: f.disabled
          ? `Your webhook endpoint ${f.endpointUrl} has not accepted a delivery for too long, so deliveries to it are now switched off. Fix the receiver, then enable the endpoint again in the console; you can replay the deliveries it missed from its delivery log.`
          : `A delivery to your webhook endpoint ${f.endpointUrl} failed on every retry and was given up. Later events are still sent; if the endpoint keeps failing it will be switched off.`,
      },
      { kind: 'paragraph', text: `Last attempt: ${f.lastError}` },
      { kind: 'link', label: 'Open the delivery log', url: f.consoleUrl },
    ],
  }),
  fr: (f) => ({
    subject: f.disabled
      ? `Point de terminaison webhook désactivé : ${f.endpointUrl}`
      : `Échec des envois webhook : ${f.endpointUrl}`,
    blocks: [
      { kind: 'paragraph', text: `Bonjour ${f.to.name},` },
      {
        kind: 'paragraph',
        text: f.disabled
          ? `Votre point de terminaison webhook ${f.endpointUrl} n'a accepté aucun envoi depuis trop longtemps : les envois vers lui sont désormais suspendus. Corrigez le récepteur, puis réactivez-le dans la console ; vous pouvez renvoyer les envois manqués depuis son journal.`
          : `Un envoi vers votre point de terminaison webhook ${f.endpointUrl} a échoué à chaque nouvelle tentative et a été abandonné. Les événements suivants sont toujours envoyés ; s'il continue d'échouer, il sera suspendu.`,
      },
      { kind: 'paragraph', text: `Dernière tentative : ${f.lastError}` },
      { kind: 'link', label: 'Ouvrir le journal des envois', url: f.consoleUrl },
    ],
  }),
};

export function webhookFailingMail(f: WebhookFailingFacts): MailMessage {
  const doc: MailDocument = { language: f.language, ...TEXTS[f.language](f) };
  return { to: f.to, subject: doc.subject, text: renderText(doc), html: renderHtml(doc) };
}
