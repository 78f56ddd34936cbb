import { SetMetadata } from '@nestjs/common';
import type { Role } from './auth-user';

export const ROLES = 'auth:roles';
/**
 * Only signed-in users with one of these roles may call this endpoint. Without it, any signed-in user of a customer
 * account may; the platform operator reaches only endpoints that list 'operator'.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
