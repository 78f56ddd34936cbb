import { useCallback, useEffect, useState } from 'react';
import { sessionStore } from '../auth/session-store';

// A form's unsaved values, kept in this tab's sessionStorage as the user types, so an expired session (sign in
// again, come back) or a reload does not lose them. Keyed by the user: another person signing in on this tab does
// not see them. Never put a password in a draft.
const PREFIX = 'console.draft:';

function storageKey(formKey: string): string | null {
  const user = sessionStore.get()?.user.id;
  return user ? `${PREFIX}${user}:${formKey}` : null;
}

export function readDraft<T>(formKey: string): T | null {
  const key = storageKey(formKey);
  if (!key) return null;
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null; // storage disabled or an unreadable leftover: start from the saved values
  }
}

export function writeDraft(formKey: string, value: unknown): void {
  const key = storageKey(formKey);
  if (!key) return;
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the form still works, only the safety net is gone
  }
}

export function clearDraft(formKey: string): void {
  const key = storageKey(formKey);
  if (key) sessionStorage.removeItem(key);
}

/**
 * Form state that is also the draft: starts from the stored draft when there is one (`restored` says so), else from
 * `initial`; every change is stored; `discard()` after a successful save.
 */
export function useDraftState<T extends object>(
  formKey: string,
  initial: () => T,
): { values: T; setValues: (update: (v: T) => T) => void; restored: boolean; discard: () => void } {
  const [{ values, restored }, setState] = useState(() => {
    const draft = readDraft<T>(formKey);
    return draft ? { values: { ...initial(), ...draft }, restored: true } : { values: initial(), restored: false };
  });
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (touched) writeDraft(formKey, values);
  }, [formKey, values, touched]);
  const setValues = useCallback((update: (v: T) => T) => {
    setTouched(true);
    setState((s) => ({ ...s, values: update(s.values) }));
  }, []);
  const discard = useCallback(() => {
    setTouched(false);
    clearDraft(formKey);
  }, [formKey]);
  return { values, setValues, restored, discard };
}
