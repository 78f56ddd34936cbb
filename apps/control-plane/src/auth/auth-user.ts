/** The roles inside a customer account. */
export type AccountRole = 'admin' | 'organizer';
/** Every role; the platform operator runs the installation and belongs to no customer account. */
export type Role = AccountRole | 'operator';

/**
 * A signed-in user of a customer account, as the auth guard resolved it from a valid access token. Account-scoped
 * endpoints only ever see this kind: the guard refuses the operator there, so `accountId` is always set.
 */
export interface AuthUser {
  id: string;
  accountId: string;
  role: AccountRole;
  /** The order whose seat an organizer holds; null for administrators. */
  orderId: string | null;
}

/** The platform operator: outside every customer account, reaches only endpoints that name the operator role. */
export interface OperatorUser {
  id: string;
  accountId: null;
  role: 'operator';
  orderId: null;
}

export type SignedInUser = AuthUser | OperatorUser;
