import { assertNamedIdentity, isGenericIdentity } from '#domain';

export type IdentityProblem = 'empty' | 'notAnEmail' | 'generic';

/**
 * The service terms' rule for a named organizer (libs/domain, the same code the server runs): one person's own
 * address, never a role or shared mailbox such as trainer@, info@ or user1@.
 */
export function identityProblem(email: string): IdentityProblem | null {
  if (email.trim() === '') return 'empty';
  if (isGenericIdentity(email)) return 'generic';
  try {
    assertNamedIdentity(email);
    return null;
  } catch {
    return 'notAnEmail';
  }
}

/** Initial passwords the server accepts: 12 to 200 characters. */
export const MIN_PASSWORD_LENGTH = 12;
