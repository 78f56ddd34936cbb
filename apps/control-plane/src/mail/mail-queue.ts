import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ControlPlaneConfig } from '../config';
import type { EventRecord } from '../events/event-record';
import { CONFIG } from '../infrastructure/di-tokens';
import { closeBriefly } from '#process';
import {
  AdministratorMailJob,
  MAIL_QUEUE,
  MailJob,
  RegistrantMailJob,
  cancelledJobId,
  changedJobId,
  eventCancelledJobId,
  eventChangedJobId,
  reminderDelay,
  reminderJobId,
  ViewerMailJob,
} from './mail-jobs';

/**
 * The control plane's side of the `mail` queue: every mail leaves through it (never inline in a request), with
 * retries and exponential backoff; reminders are delayed jobs under deterministic ids, moved or dropped with their
 * event.
 */
@Injectable()
export class MailQueue implements OnModuleDestroy {
  private readonly connection: Redis;
  readonly queue: Queue<MailJob>;

  constructor(@Inject(CONFIG) private readonly config: ControlPlaneConfig) {
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    // without a listener ioredis and BullMQ print every reconnect error; /health reports Redis being down instead
    this.connection.on('error', () => undefined);
    this.queue = new Queue(MAIL_QUEUE, { connection: this.connection, prefix: config.REDIS_PREFIX });
    this.queue.on('error', () => undefined);
  }

  private options(extra: JobsOptions = {}): JobsOptions {
    return {
      attempts: this.config.MAIL_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.MAIL_RETRY_BACKOFF },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
      ...extra,
    };
  }

  /** A mail already composed (an administrator's notice), under an id that makes queueing it twice a no-op. */
  async sendComposed(job: AdministratorMailJob, jobId: string): Promise<void> {
    await this.queue.add(job.kind, job, this.options({ jobId }));
  }

  /** A mail to a Stage viewer with its single-use link: gone from Redis once sent (an hour after failing for good). */
  async sendToViewer(job: ViewerMailJob): Promise<void> {
    await this.queue.add(job.kind, job, this.options({ removeOnComplete: true, removeOnFail: { age: 3600 } }));
  }

  /** The confirmation with the join link and the invitation; each call sends one (registering again re-sends). */
  async sendConfirmation(registrationId: string): Promise<void> {
    await this.queue.add('confirmation', { kind: 'confirmation', registrationId }, this.options());
  }

  /** The reminders still ahead of the event's start (an existing one is left as it is). */
  async scheduleReminders(registrationIds: string[], event: EventRecord, now = new Date()): Promise<void> {
    const jobs = registrationIds.flatMap((registrationId) =>
      this.config.REMINDER_OFFSETS.flatMap((leadMs) => {
        const delay = reminderDelay(event.startsAt, leadMs, now);
        if (delay === null) return [];
        const data: RegistrantMailJob = {
          kind: 'reminder',
          registrationId,
          leadMs,
          startsAt: event.startsAt.toISOString(),
        };
        return [
          {
            name: 'reminder',
            data,
            opts: this.options({
              jobId: reminderJobId(registrationId, leadMs),
              // due exactly `leadMs` before the start: the delay counts from this timestamp
              timestamp: now.getTime(),
              delay,
            }),
          },
        ];
      }),
    );
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }

  /** Reminders at the event's new start: the old jobs go, new ones come under the same ids. */
  async moveReminders(registrationIds: string[], event: EventRecord): Promise<void> {
    await this.dropReminders(registrationIds);
    await this.scheduleReminders(registrationIds, event);
  }

  async dropReminders(registrationIds: string[]): Promise<void> {
    const ids = registrationIds.flatMap((r) => this.config.REMINDER_OFFSETS.map((lead) => reminderJobId(r, lead)));
    // one round trip per id; a reminder being sent right now (locked) stays, and its worker sees the event moved
    await Promise.all(ids.map((id) => this.queue.remove(id)));
  }

  /** Mails every registrant the new time (a job of its own, so the request that changed the event stays short). */
  async eventChanged(event: EventRecord, previous: EventRecord): Promise<void> {
    await this.queue.add(
      'event-changed',
      {
        kind: 'event-changed',
        eventId: event.id,
        version: event.version,
        previousStartsAt: previous.startsAt.toISOString(),
        previousEndsAt: previous.endsAt.toISOString(),
      },
      this.options({ jobId: eventChangedJobId(event.id, event.version) }),
    );
  }

  async eventCancelled(event: EventRecord): Promise<void> {
    await this.queue.add(
      'event-cancelled',
      { kind: 'event-cancelled', eventId: event.id },
      this.options({ jobId: eventCancelledJobId(event.id) }),
    );
  }

  async sendChangeNotices(
    registrationIds: string[],
    version: number,
    previous: { startsAt: string; endsAt: string },
  ): Promise<void> {
    await this.queue.addBulk(
      registrationIds.map((registrationId) => ({
        name: 'changed',
        data: {
          kind: 'changed' as const,
          registrationId,
          previousStartsAt: previous.startsAt,
          previousEndsAt: previous.endsAt,
        },
        opts: this.options({ jobId: changedJobId(registrationId, version) }),
      })),
    );
  }

  async sendCancellations(registrationIds: string[]): Promise<void> {
    await this.queue.addBulk(
      registrationIds.map((registrationId) => ({
        name: 'cancelled',
        data: { kind: 'cancelled' as const, registrationId },
        opts: this.options({ jobId: cancelledJobId(registrationId) }),
      })),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await closeBriefly(this.queue.close());
    this.connection.disconnect();
  }
}
