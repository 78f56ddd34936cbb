import type { ComponentType } from 'react';
import type { Role } from '../auth/role';

type PageModule = Promise<{ default: ComponentType }>;
type NavLabel =
  | 'nav.events'
  | 'nav.orders'
  | 'nav.organizers'
  | 'nav.usage'
  | 'nav.accounts'
  | 'integrations.nav'
  | 'media.nav'
  | 'outbox.nav';

export interface ConsoleRoute {
  /** Under `/`, in react-router's syntax. */
  path: string;
  /** Who may open it: anyone else gets the "not allowed" page. */
  roles: readonly Role[];
  /** Loaded when first opened: each page is its own chunk of the build. */
  page: () => PageModule;
  /** Listed in the navigation (for the roles above) under this label. */
  nav?: NavLabel;
}

// The signed-in pages. Adding one is one line here and a module under pages/<area>/ that default-exports it.
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  {
    path: 'events',
    roles: ['organizer', 'admin'],
    nav: 'nav.events',
    page: () => import('../pages/organizer/events-page'),
  },
  { path: 'events/new', roles: ['organizer'], page: () => import('../pages/organizer/event-create-page') },
  {
    path: 'events/:eventId',
    roles: ['organizer', 'admin'],
    page: () => import('../pages/organizer/event-detail-page'),
  },
  {
    path: 'events/:eventId/green-room',
    roles: ['organizer', 'admin'],
    page: () => import('../pages/green-room/green-room-page'),
  },
  {
    path: 'events/:eventId/report',
    roles: ['organizer', 'admin'],
    page: () => import('../pages/report/attendance-report-page'),
  },
  { path: 'events/:eventId/edit', roles: ['organizer'], page: () => import('../pages/organizer/event-edit-page') },
  {
    path: 'media',
    roles: ['organizer', 'admin'],
    nav: 'media.nav',
    page: () => import('../pages/media/media-library-page'),
  },
  { path: 'media/:assetId', roles: ['organizer', 'admin'], page: () => import('../pages/media/media-asset-page') },
  { path: 'organizers', roles: ['admin'], nav: 'nav.organizers', page: () => import('../pages/admin/organizers-page') },
  { path: 'orders', roles: ['admin'], nav: 'nav.orders', page: () => import('../pages/admin/orders-page') },
  { path: 'usage', roles: ['admin'], nav: 'nav.usage', page: () => import('../pages/admin/usage-page') },
  {
    path: 'integrations',
    roles: ['admin'],
    nav: 'integrations.nav',
    page: () => import('../pages/integrations/integrations-page'),
  },
  {
    path: 'integrations/webhooks/:endpointId',
    roles: ['admin'],
    page: () => import('../pages/integrations/webhook-endpoint-page'),
  },
  { path: 'accounts', roles: ['operator'], nav: 'nav.accounts', page: () => import('../pages/operator/accounts-page') },
  { path: 'accounts/new', roles: ['operator'], page: () => import('../pages/operator/account-create-page') },
  // the embedded SMTP catcher's mails (development; the page says when SMTP_URL sends them for real)
  { path: 'console/outbox', roles: ['operator'], nav: 'outbox.nav', page: () => import('../pages/dev/outbox-page') },
  { path: 'console/outbox/:mailId', roles: ['operator'], page: () => import('../pages/dev/outbox-mail-page') },
];
