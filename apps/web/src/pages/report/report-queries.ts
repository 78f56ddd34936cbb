import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type AttendanceReport = components['schemas']['AttendanceReportView'];
export type AttendanceSeries = components['schemas']['AttendanceSeriesView'];

/** How often a live event's report and chart are read again (the seats gauge has its own, faster pace). */
export const LIVE_REPORT_REFRESH_MS = 10_000;

export const attendanceReportQuery = (eventId: string, live: boolean) =>
  queryOptions({
    queryKey: ['events', eventId, 'attendance'],
    queryFn: () =>
      unwrap<AttendanceReport>(api.GET('/api/events/{id}/attendance', { params: { path: { id: eventId } } })),
    refetchInterval: live ? LIVE_REPORT_REFRESH_MS : false,
    retry: false,
  });

export const attendanceSeriesQuery = (eventId: string, points: number, live: boolean) =>
  queryOptions({
    queryKey: ['events', eventId, 'attendance', 'series', points],
    queryFn: () =>
      unwrap<AttendanceSeries>(
        api.GET('/api/events/{id}/attendance/series', { params: { path: { id: eventId }, query: { points } } }),
      ),
    refetchInterval: live ? LIVE_REPORT_REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });
