import type { Role } from '../auth/auth-user';

export interface UserRecord {
  id: string;
  /** null for the platform operator, who belongs to no customer account. */
  accountId: string | null;
  orderId: string | null;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  tokenVersion: number;
  createdAt: Date;
  deactivatedAt: Date | null;
}

export interface UserRow {
  id: string;
  account_id: string | null;
  order_id: string | null;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  active: boolean;
  token_version: number;
  created_at: Date;
  deactivated_at: Date | null;
}

export function toUserRecord(r: UserRow): UserRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    orderId: r.order_id,
    email: r.email,
    name: r.name,
    role: r.role,
    passwordHash: r.password_hash,
    active: r.active,
    tokenVersion: r.token_version,
    createdAt: new Date(r.created_at),
    deactivatedAt: r.deactivated_at ? new Date(r.deactivated_at) : null,
  };
}
