// 'operator' (the platform operator) comes with the operator accounts; the dev outbox already names it.
export type Role = 'admin' | 'organizer' | 'operator';

/** Who is calling, as the auth guard resolved it from a valid access token. */
export interface AuthUser {
  id: string;
  accountId: string;
  role: Role;
  /** The order whose seat an organizer holds; null for administrators. */
  orderId: string | null;
}
