import type { MailBlock } from './mail-document';
import type { MailLanguage } from './mail-language';

// Every sentence of the mails to Stage viewers, in English and French (French typography: a no-break space before
// : ; ? !). The builders in viewer-mails.ts pick the texts of the viewer's language.
const NBSP = '\u00a0';

export interface ViewerMailFacts {
  name: string;
  /** The link that finishes the step (verification, new password) or, for a taken address, the reset page. */
  url: string;
}

type Texts = (f: ViewerMailFacts) => { subject: string; blocks: MailBlock[] };

export interface ViewerTexts {
  verification: Texts;
  accountExists: Texts;
  passwordReset: Texts;
}

const p = (text: string): MailBlock => ({ kind: 'paragraph', text });

const en: ViewerTexts = {
  verification: (f) => ({
    subject: 'Confirm your e-mail address for Stage',
    blocks: [
      p(`Hello ${f.name},`),
      p('Welcome to Stage. Confirm that this address is yours to finish your sign-up, then sign in.'),
      { kind: 'link', label: 'Confirm my address', url: f.url },
      p('The link works once, for 48 hours.'),
      p('If you did not sign up, ignore this mail: no account is opened without this confirmation.'),
    ],
  }),
  accountExists: (f) => ({
    subject: 'You already have a Stage account',
    blocks: [
      p(`Hello ${f.name},`),
      p('Someone, probably you, tried to sign up to Stage with this address, which already has an account.'),
      p('Sign in with your password. If you forgot it, choose a new one:'),
      { kind: 'link', label: 'Reset my password', url: f.url },
      p('If this was not you, ignore this mail: your account has not changed.'),
    ],
  }),
  passwordReset: (f) => ({
    subject: 'Choose a new Stage password',
    blocks: [
      p(`Hello ${f.name},`),
      p('You asked to reset the password of your Stage account. Choose a new one with this link:'),
      { kind: 'link', label: 'Choose a new password', url: f.url },
      p('The link works once, for 1 hour. Your current password stays valid until you choose a new one.'),
      p('If you did not ask, ignore this mail.'),
    ],
  }),
};

const fr: ViewerTexts = {
  verification: (f) => ({
    subject: 'Confirmez votre adresse e-mail pour Stage',
    blocks: [
      p(`Bonjour ${f.name},`),
      p(
        `Bienvenue sur Stage. Confirmez que cette adresse est bien la vôtre pour terminer votre inscription, puis connectez-vous.`,
      ),
      { kind: 'link', label: 'Confirmer mon adresse', url: f.url },
      p('Ce lien ne sert qu’une fois, pendant 48 heures.'),
      p(
        `Si vous ne vous êtes pas inscrit, ignorez ce message${NBSP}: aucun compte n’est ouvert sans cette confirmation.`,
      ),
    ],
  }),
  accountExists: (f) => ({
    subject: 'Vous avez déjà un compte Stage',
    blocks: [
      p(`Bonjour ${f.name},`),
      p('Quelqu’un, sans doute vous, a tenté de s’inscrire sur Stage avec cette adresse, qui a déjà un compte.'),
      p(`Connectez-vous avec votre mot de passe. Si vous l’avez oublié, choisissez-en un nouveau${NBSP}:`),
      { kind: 'link', label: 'Réinitialiser mon mot de passe', url: f.url },
      p(`Si ce n’était pas vous, ignorez ce message${NBSP}: votre compte n’a pas changé.`),
    ],
  }),
  passwordReset: (f) => ({
    subject: 'Choisissez un nouveau mot de passe Stage',
    blocks: [
      p(`Bonjour ${f.name},`),
      p(
        `Vous avez demandé à réinitialiser le mot de passe de votre compte Stage. Choisissez-en un nouveau avec ce lien${NBSP}:`,
      ),
      { kind: 'link', label: 'Choisir un nouveau mot de passe', url: f.url },
      p(
        'Ce lien ne sert qu’une fois, pendant 1 heure. Votre mot de passe actuel reste valable tant que vous n’en avez pas choisi un autre.',
      ),
      p('Si vous n’avez rien demandé, ignorez ce message.'),
    ],
  }),
};

export const VIEWER_TEXTS: Record<MailLanguage, ViewerTexts> = { en, fr };
