import type { Role } from '../auth/role';

// The response shapes the console reads, as the control plane returns them (event-view.ts, order-view.ts,
// organizer-view.ts, auth.service.ts) and as the console's API contract (issue 9) adds them. They stand in
// for the generated `components['schemas']` until every response has its schema in the OpenAPI document; then each
// line here becomes an alias of the generated type.

export type EventState = 'scheduled' | 'live' | 'ended' | 'cancelled';
export type EventMode = 'live' | 'on-demand';
export type OveragePolicy = 'bill' | 'block';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; accountId: string | null; role: Role; orderId: string | null; email: string; name: string };
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  accountId: string | null;
  accountName?: string | null;
  orderId: string | null;
}

export interface EventView {
  id: string;
  organizerId: string;
  orderId: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  mode: EventMode;
  /** On-demand played as if live (simulive). */
  playAsLive: boolean;
  attendeeLimit: number;
  state: EventState;
  actualStartAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  publicSlug: string;
  registrationUrl: string;
  streamKey?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrderView {
  id: string;
  seats: number;
  attendeeLimit: number;
  bufferPercent: number;
  bufferSeats: number;
  overageRateCents: number;
  overagePolicy: OveragePolicy;
  overageCap: number | null;
  validFrom: string;
  validUntil: string;
  createdAt: string;
}

export interface OrganizerView {
  id: string;
  email: string;
  name: string;
  orderId: string | null;
  active: boolean;
  createdAt: string;
  deactivatedAt: string | null;
}

export interface ReassignResult {
  previous: OrganizerView;
  organizer: OrganizerView;
  movedEvents: number;
}

export interface Registrant {
  id: string;
  name: string;
  email: string;
  createdAt: string;
  joinUrl: string;
}

export interface RegistrantsPage {
  total: number;
  items: Registrant[];
}

export interface AccountUsage {
  month: string;
  events: {
    id: string;
    title: string;
    organizerName: string;
    startsAt: string;
    state: EventState;
    peakConcurrent: number;
    peakOverage: number;
    overageFeeCents: number;
  }[];
  totalOverageFeeCents: number;
  currency: string;
}

export interface OperatorAccount {
  id: string;
  name: string;
  createdAt: string;
  administrators: { id: string; email: string; name: string }[];
  seatsTotal: number;
  seatsUsed: number;
  activeOrders: number;
  eventsThisMonth: number;
  overageFeeCentsThisMonth: number;
}

export interface OnboardedAccount {
  account: { id: string; name: string };
  administrator: { id: string; email: string };
  order: { id: string };
}
