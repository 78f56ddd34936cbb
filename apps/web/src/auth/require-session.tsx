import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from './use-session';

/** The signed-in part of the app: without a session, sign in first and come back here. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
