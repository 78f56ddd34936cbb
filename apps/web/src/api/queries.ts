import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type {
  AccountUsage,
  EventView,
  OperatorAccount,
  OrderView,
  OrganizerView,
  RegistrantsPage,
} from './console-types';
import { rawRequest } from './raw-request';
import type { components } from './schema';

// Every read of the console, with its cache key: a mutation invalidates by the first key segment.

export const eventsQuery = () =>
  queryOptions({ queryKey: ['events'], queryFn: () => unwrap<EventView[]>(api.GET('/api/events')) });

export const eventQuery = (id: string) =>
  queryOptions({
    queryKey: ['events', id],
    queryFn: () => unwrap<EventView>(api.GET('/api/events/{id}', { params: { path: { id } } })),
  });

export type PresenterView = components['schemas']['PresenterView'];

export const eventLiveQuery = (id: string) =>
  queryOptions({
    queryKey: ['events', id, 'live'],
    queryFn: () => unwrap<PresenterView>(api.GET('/api/events/{id}/live', { params: { path: { id } } })),
  });

export const myOrderQuery = () =>
  queryOptions({ queryKey: ['orders', 'mine'], queryFn: () => unwrap<OrderView>(api.GET('/api/orders/mine')) });

export const ordersQuery = () =>
  queryOptions({ queryKey: ['orders'], queryFn: () => unwrap<OrderView[]>(api.GET('/api/orders')) });

export const organizersQuery = () =>
  queryOptions({ queryKey: ['organizers'], queryFn: () => unwrap<OrganizerView[]>(api.GET('/api/organizers')) });

export const registrantsQuery = (eventId: string, q: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: ['events', eventId, 'registrations', { q, offset, limit }],
    queryFn: () =>
      rawRequest<RegistrantsPage>(
        'GET',
        `/api/events/${encodeURIComponent(eventId)}/registrations?${new URLSearchParams({ q, offset: String(offset), limit: String(limit) }).toString()}`,
      ),
    placeholderData: keepPreviousData,
  });

export const accountUsageQuery = (month: string) =>
  queryOptions({
    queryKey: ['account', 'usage', month],
    queryFn: () => rawRequest<AccountUsage>('GET', `/api/account/usage?month=${encodeURIComponent(month)}`),
  });

export const operatorAccountsQuery = () =>
  queryOptions({
    queryKey: ['operator', 'accounts'],
    queryFn: () => rawRequest<OperatorAccount[]>('GET', '/api/operator/accounts'),
  });
