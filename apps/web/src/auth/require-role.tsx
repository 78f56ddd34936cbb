import type { ReactNode } from 'react';
import ForbiddenPage from '../pages/errors/forbidden-page';
import type { Role } from './role';
import { useSession } from './use-session';

/** A page for some roles only: anyone else is told so in words, not shown a blank page. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  if (!session || !roles.includes(session.user.role)) return <ForbiddenPage />;
  return <>{children}</>;
}
