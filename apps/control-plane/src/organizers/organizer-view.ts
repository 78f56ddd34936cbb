import type { UserRecord } from '../accounts/user-record';

export function toOrganizerView(u: UserRecord) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    orderId: u.orderId,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
  };
}
