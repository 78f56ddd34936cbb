import type { ApiKeyScope } from '#domain';

// What an API key may call, in one table: each route (as the router names it) with the scope it needs. A route
// not listed here refuses keys, so a new endpoint is closed to keys until someone decides its scope.

const ROUTES: Record<string, ApiKeyScope> = {
  'GET /api/events': 'read:events',
  'GET /api/events/:id': 'read:events',
  'GET /api/events/:id/registrations': 'read:events',
  'GET /api/events/:id/registrations.csv': 'read:events',
  'GET /api/events/:id/registrations/:registrationId': 'read:events',
  'POST /api/events': 'write:events',
  'PATCH /api/events/:id': 'write:events',
  'POST /api/events/:id/cancel': 'write:events',
  'POST /api/events/:id/registrations': 'write:events',
  'POST /api/events/:id/registrations/import': 'write:events',
  'GET /api/events/:id/attendance': 'read:reports',
  'GET /api/events/:id/attendance/series': 'read:reports',
  'GET /api/events/:id/attendance/attendees.csv': 'read:reports',
  'GET /api/events/:id/attendance/invoice.csv': 'read:reports',
  'GET /api/account/usage': 'read:reports',
  'POST /api/media/assets': 'manage:media',
  'GET /api/media/assets': 'manage:media',
  'GET /api/media/assets/:id': 'manage:media',
  'PUT /api/media/assets/:id/source': 'manage:media',
  'POST /api/media/assets/:id/uploaded': 'manage:media',
  'DELETE /api/media/assets/:id': 'manage:media',
};

/** The scope a route needs from an API key, or null when keys may not call it at all. */
export function apiKeyScopeFor(method: string, routePath: string | undefined): ApiKeyScope | null {
  if (!routePath) return null;
  return ROUTES[`${method.toUpperCase()} ${routePath}`] ?? null;
}

/** Every route keys may call (for the documentation and its test). */
export const API_KEY_ROUTES: Readonly<Record<string, ApiKeyScope>> = ROUTES;
