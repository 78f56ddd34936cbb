import { Navigate, Outlet, useLocation } from 'react-router';
import { sessionStore } from './session-store';
import { useSession } from './use-session';

/**
 * The signed-in part of the app: without a session, sign in first and come back here (after an expiry or when the
 * page was opened directly; not after signing out, when the next person starts from their own start page).
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session && sessionStore.lastSignOut() === 'signed-out') return <Navigate to="/sign-in" replace />;
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
