import type { MailBlock } from './mail-document';
import type { MailLanguage } from './mail-language';

// Every sentence of the registrant mails, in English and French (French typography: « », a no-break space
// before : ; ? !). The builders in registrant-mails.ts decide which sentences a mail holds.
const NBSP = '\u00a0';

export interface MailFacts {
  name: string;
  title: string;
  when: string;
  joinUrl: string;
  description: string;
}

export interface RegistrantTexts {
  confirmation(f: MailFacts): { subject: string; blocks: MailBlock[] };
  reminder(f: MailFacts, lead: string): { subject: string; blocks: MailBlock[] };
  changed(f: MailFacts, previousWhen: string): { subject: string; blocks: MailBlock[] };
  cancelled(f: MailFacts): { subject: string; blocks: MailBlock[] };
}

const p = (text: string): MailBlock => ({ kind: 'paragraph', text });
const described = (f: MailFacts) => (f.description.trim() ? [p(f.description.trim())] : []);

const en: RegistrantTexts = {
  confirmation: (f) => ({
    subject: `You are registered: ${f.title}`,
    blocks: [
      p(`Hello ${f.name},`),
      p(`You are registered for “${f.title}” on ${f.when}.`),
      ...described(f),
      { kind: 'link', label: 'Join the webcast', url: f.joinUrl },
      p('This link is yours alone: it holds your seat, on up to 3 of your devices. Please do not share it.'),
      p('The attached invitation puts the webcast in your calendar. We will remind you before it starts.'),
      p('If you did not register, you can ignore this mail.'),
    ],
  }),
  reminder: (f, lead) => ({
    subject: `Starts in ${lead}: ${f.title}`,
    blocks: [
      p(`Hello ${f.name},`),
      p(`“${f.title}” starts in ${lead}, on ${f.when}.`),
      { kind: 'link', label: 'Join the webcast', url: f.joinUrl },
    ],
  }),
  changed: (f, previousWhen) => ({
    subject: `New time: ${f.title}`,
    blocks: [
      p(`Hello ${f.name},`),
      p(`“${f.title}” has moved: it now takes place on ${f.when} (instead of ${previousWhen}).`),
      p('Your personal join link (it follows the new time):'),
      { kind: 'link', label: 'Join the webcast', url: f.joinUrl },
      p('The attached invitation updates your calendar.'),
    ],
  }),
  cancelled: (f) => ({
    subject: `Cancelled: ${f.title}`,
    blocks: [
      p(`Hello ${f.name},`),
      p(`“${f.title}”, planned for ${f.when}, is cancelled.`),
      p('Your join link will not open it. The attached cancellation removes it from your calendar.'),
    ],
  }),
};

const fr: RegistrantTexts = {
  confirmation: (f) => ({
    subject: `Inscription confirmée${NBSP}: ${f.title}`,
    blocks: [
      p(`Bonjour ${f.name},`),
      p(`Votre inscription au webcast «${NBSP}${f.title}${NBSP}» du ${f.when} est confirmée.`),
      ...described(f),
      { kind: 'link', label: 'Rejoindre le webcast', url: f.joinUrl },
      p(
        `Ce lien est personnel${NBSP}: il vous réserve votre place, sur 3 de vos appareils au plus. Merci de ne pas le partager.`,
      ),
      p('L’invitation jointe ajoute le webcast à votre agenda. Nous vous le rappellerons avant le début.'),
      p('Si cette inscription ne vient pas de vous, ignorez ce message.'),
    ],
  }),
  reminder: (f, lead) => ({
    subject: `Début dans ${lead}${NBSP}: ${f.title}`,
    blocks: [
      p(`Bonjour ${f.name},`),
      p(`Le webcast «${NBSP}${f.title}${NBSP}» commence dans ${lead}, le ${f.when}.`),
      { kind: 'link', label: 'Rejoindre le webcast', url: f.joinUrl },
    ],
  }),
  changed: (f, previousWhen) => ({
    subject: `Nouvel horaire${NBSP}: ${f.title}`,
    blocks: [
      p(`Bonjour ${f.name},`),
      p(
        `Le webcast «${NBSP}${f.title}${NBSP}» change d’horaire${NBSP}: il aura lieu le ${f.when} (au lieu du ${previousWhen}).`,
      ),
      p(`Votre lien personnel (il suit le nouvel horaire)${NBSP}:`),
      { kind: 'link', label: 'Rejoindre le webcast', url: f.joinUrl },
      p('L’invitation jointe met votre agenda à jour.'),
    ],
  }),
  cancelled: (f) => ({
    subject: `Annulé${NBSP}: ${f.title}`,
    blocks: [
      p(`Bonjour ${f.name},`),
      p(`Le webcast «${NBSP}${f.title}${NBSP}» prévu le ${f.when} est annulé.`),
      p('Votre lien ne l’ouvrira pas. L’annulation jointe le retire de votre agenda.'),
    ],
  }),
};

export const REGISTRANT_TEXTS: Record<MailLanguage, RegistrantTexts> = { en, fr };
