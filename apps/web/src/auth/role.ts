/** Who a console user is: the roles the control plane's `/api/auth/me` reports. */
export type Role = 'organizer' | 'admin' | 'operator';

export const ROLES: readonly Role[] = ['organizer', 'admin', 'operator'];

/** Where each role lands after signing in. */
export const START_PAGE: Record<Role, string> = {
  organizer: '/events',
  admin: '/organizers',
  operator: '/accounts',
};
