import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { ControlPlaneConfig } from '../config';
import { EventsRepository } from '../events/events.repository';
import { CONFIG } from '../infrastructure/di-tokens';
import { ControlPlaneMetrics } from '../observability/metrics';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import { reminderDelay, reminderJobId } from './mail-jobs';
import { MailQueue } from './mail-queue';

const PAGE = 500;

/**
 * Reminders are delayed jobs in Redis; their registrations are in PostgreSQL. At start and every
 * RECONCILE_INTERVAL, each scheduled event whose first registrant has no pending reminder job for a reminder still
 * ahead has lost them (Redis restarted without persistence): every registrant's are queued again under the same
 * deterministic ids, so reminders that do exist stay as they are.
 */
@Injectable()
export class ReminderReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('mail');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly events: EventsRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly mail: MailQueue,
    private readonly metrics: ControlPlaneMetrics,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  onApplicationBootstrap(): void {
    const run = () =>
      void this.sweep().catch((e: Error) =>
        this.logger.warn({ msg: 'reminder reconciliation failed', err: e.message }),
      );
    run();
    this.timer = setInterval(run, this.config.RECONCILE_INTERVAL);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Answers how many events had their reminders queued again. */
  async sweep(now = new Date()): Promise<number> {
    let healed = 0;
    for (const event of await this.events.listOpen()) {
      if (event.state !== 'scheduled') continue;
      const ahead = this.config.REMINDER_OFFSETS.filter((lead) => reminderDelay(event.startsAt, lead, now) !== null);
      if (ahead.length === 0) continue;
      const [first] = await this.registrations.idsAfter(event.id, null, 1);
      if (!first) continue;
      const present = await Promise.all(ahead.map((lead) => this.mail.queue.getJob(reminderJobId(first, lead))));
      if (present.some(Boolean)) continue;
      let after: string | null = null;
      for (;;) {
        const ids = await this.registrations.idsAfter(event.id, after, PAGE);
        if (ids.length === 0) break;
        await this.mail.scheduleReminders(ids, event, now);
        after = ids[ids.length - 1];
      }
      healed++;
      this.metrics.reconciled.inc({ kind: 'reminder' });
      this.logger.warn({ msg: 'queued again the reminders Redis had lost', eventId: event.id });
    }
    return healed;
  }
}
