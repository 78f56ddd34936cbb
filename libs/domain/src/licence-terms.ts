// The numbers of the service terms (DESIGN.md section 2). Every app reads them from here.
export const ATTENDEE_LIMIT_CEILING = 5000;
export const ATTENDANCE_BUFFER_PERCENT = 10;
export const MAX_EVENT_DURATION_MS = 8 * 60 * 60 * 1000;
export const MAX_DEVICES_PER_SEAT = 3;
export const DEFAULT_RECONNECT_GRACE_MS = 30_000;
export const MAX_LIVE_EVENTS_PER_ORGANIZER = 1;
