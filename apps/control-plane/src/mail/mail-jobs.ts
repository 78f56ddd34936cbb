import type { MailMessage } from '#mail';
// The jobs of the `mail` queue. Per-registrant jobs name what to send; the mail itself is composed when the job
// runs, from the registration and the event as they are then. Event jobs fan out to every registrant.

export const MAIL_QUEUE = 'mail';

export type RegistrantMailJob =
  | { kind: 'confirmation'; registrationId: string }
  /** `startsAt` is the start it was scheduled for: a reminder of a start that has since moved is not sent. */
  | { kind: 'reminder'; registrationId: string; leadMs: number; startsAt: string }
  | { kind: 'changed'; registrationId: string; previousStartsAt: string; previousEndsAt: string }
  | { kind: 'cancelled'; registrationId: string };

export type EventMailJob =
  | { kind: 'event-changed'; eventId: string; version: number; previousStartsAt: string; previousEndsAt: string }
  | { kind: 'event-cancelled'; eventId: string };

/** A mail to one account administrator, composed by whoever queues it (it needs nothing more at send time). */
export interface AdministratorMailJob {
  kind: 'webhook-failing';
  mail: MailMessage;
}

/**
 * A mail to a Stage viewer, composed when queued: it carries a single-use link, which exists nowhere else in clear
 * (the database keeps its hash), so the job is removed once sent.
 */
export interface ViewerMailJob {
  kind: 'viewer-verification' | 'viewer-account-exists' | 'viewer-password-reset';
  mail: MailMessage;
}

/** A job whose mail is composed already: the worker only sends it. */
export type ComposedMailJob = AdministratorMailJob | ViewerMailJob;

export type MailJob = RegistrantMailJob | EventMailJob | ComposedMailJob;
export type MailJobKind = MailJob['kind'];

// Deterministic ids: a reminder is found again to move or drop it, and a notice is queued once per registrant.
export const reminderJobId = (registrationId: string, leadMs: number) => `reminder-${registrationId}-${leadMs}`;
export const changedJobId = (registrationId: string, version: number) => `changed-${registrationId}-${version}`;
export const cancelledJobId = (registrationId: string) => `cancelled-${registrationId}`;
export const eventChangedJobId = (eventId: string, version: number) => `event-changed-${eventId}-${version}`;
export const eventCancelledJobId = (eventId: string) => `event-cancelled-${eventId}`;

/** How long until the reminder `leadMs` before `startsAt` is due, or null when that moment has passed. */
export function reminderDelay(startsAt: Date, leadMs: number, now: Date): number | null {
  const delay = startsAt.getTime() - leadMs - now.getTime();
  return delay > 0 ? delay : null;
}

export function isRegistrantMailJob(job: MailJob): job is RegistrantMailJob {
  return !isEventMailJob(job) && !isComposedMailJob(job);
}

export function isComposedMailJob(job: MailJob): job is ComposedMailJob {
  return 'mail' in job;
}

export function isEventMailJob(job: MailJob): job is EventMailJob {
  return job.kind === 'event-changed' || job.kind === 'event-cancelled';
}

/** One notice per endpoint, failure episode and administrator: a retried webhook job does not mail twice. */
export const webhookFailingJobId = (endpointId: string, since: Date, disabled: boolean, userId: string) =>
  `webhook-failing-${endpointId}-${since.getTime()}-${disabled ? 'disabled' : 'failing'}-${userId}`;
