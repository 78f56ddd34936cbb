import type { Role } from './role';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  accountId: string | null;
  orderId: string | null;
}

export interface Session {
  accessToken: string;
  user: SessionUser;
  /** When the control plane stops accepting the token (ms since epoch). */
  expiresAt: number;
}

export type SignOutReason = 'signed-out' | 'expired';

type Listener = () => void;

// The access token lives in this module's memory only: not in localStorage or sessionStorage, so a script injected
// into another tab or a later visit cannot read it, and closing or reloading the tab ends the session. What the user
// was typing survives through the drafts (draft-storage.ts), which hold no secret.
let session: Session | null = null;
let lastSignOut: SignOutReason | null = null;
const listeners = new Set<Listener>();

function notify(): void {
  for (const l of listeners) l();
}

export const sessionStore = {
  get: (): Session | null => session,
  token: (): string | null => session?.accessToken ?? null,
  /** Why the last session ended (the sign-in page explains an expiry). */
  lastSignOut: (): SignOutReason | null => lastSignOut,
  signIn: (next: Session): void => {
    session = next;
    lastSignOut = null;
    notify();
  },
  update: (user: Partial<SessionUser>): void => {
    if (!session) return;
    session = { ...session, user: { ...session.user, ...user } };
    notify();
  },
  end: (reason: SignOutReason): void => {
    if (!session && lastSignOut === reason) return;
    session = null;
    lastSignOut = reason;
    notify();
  },
  subscribe: (l: Listener): (() => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
