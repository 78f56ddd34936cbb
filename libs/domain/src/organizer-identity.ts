import { DomainError } from './domain-error';

// Local parts that name a role or a shared mailbox rather than one person. Numbered variants (user1, trainer12) count too.
const GENERIC_LOCAL_PARTS = [
  'user',
  'trainer',
  'admin',
  'administrator',
  'info',
  'test',
  'webinar',
  'webinars',
  'sales',
  'support',
  'contact',
  'noreply',
  'no-reply',
  'donotreply',
  'team',
  'office',
  'hello',
  'mail',
  'marketing',
  'events',
  'event',
  'presenter',
  'organizer',
  'organiser',
  'host',
  'training',
  'account',
  'accounts',
  'billing',
  'help',
  'service',
  'staff',
  'demo',
  'guest',
];
const GENERIC_PATTERN = new RegExp(
  `^(?:${GENERIC_LOCAL_PARTS.map((p) => p.replace('-', '\\-')).join('|')})[._-]?\\d*$`,
);
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A named organizer is one person: role mailboxes and numbered accounts are shared identities. */
export function isGenericIdentity(email: string): boolean {
  const local = normalizeEmail(email).split('@')[0] ?? '';
  return GENERIC_PATTERN.test(local.split('+')[0] ?? local);
}

export function assertNamedIdentity(email: string, field = 'email'): void {
  if (!EMAIL_PATTERN.test(email.trim())) throw new DomainError('invalid', `${field} must be an email address`, field);
  if (isGenericIdentity(email)) {
    throw new DomainError(
      'invalid',
      `${field} "${email}" is a generic or shared identity; a named organizer must be one person's own address`,
      field,
    );
  }
}
