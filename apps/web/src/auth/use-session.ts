import { useSyncExternalStore } from 'react';
import { sessionStore, type Session } from './session-store';

/** The signed-in session, re-rendering when it starts or ends. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
