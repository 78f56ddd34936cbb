import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { MailMessage, MailSender } from '#mail';
import type { ControlPlaneConfig } from '../config';
import { EventsRepository } from '../events/events.repository';
import { CONFIG } from '../infrastructure/di-tokens';
import { closeBriefly } from '#process';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import {
  EventMailJob,
  MAIL_QUEUE,
  MailJob,
  MailJobKind,
  RegistrantMailJob,
  isEventMailJob,
  isRegistrantMailJob,
} from './mail-jobs';
import { MailMetrics } from './mail-metrics';
import { MailQueue } from './mail-queue';
import { MAIL_SENDER } from './mail-sender';
import { RegistrantMailComposer } from './registrant-mail-composer';

const FAN_OUT_PAGE = 500;

/**
 * Sends the `mail` queue's mails. It runs inside the control plane because composing a mail needs the database
 * (registrations, events) and the join-token secret, which only the control plane holds; every control plane runs
 * one, so the work spreads over them. SMTP refusals of a permanent kind (5xx) are not retried.
 */
@Injectable()
export class MailWorker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('mail');
  private worker?: Worker<MailJob>;
  private connection?: Redis;

  constructor(
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    private readonly composer: RegistrantMailComposer,
    private readonly queue: MailQueue,
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsRepository,
    private readonly metrics: MailMetrics,
  ) {}

  onModuleInit(): void {
    // its own connection: a worker blocks on it
    this.connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.worker = new Worker<MailJob>(MAIL_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.REDIS_PREFIX,
      concurrency: this.config.MAIL_CONCURRENCY,
    });
    this.worker.on('error', () => undefined);
    this.worker.on('failed', (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      const details = { jobId: job.id, kind: job.data.kind, attempt: job.attemptsMade, err: err.message };
      if (!final) return this.logger.warn({ msg: 'mail attempt failed; retrying', ...details });
      this.metrics.failed.inc({ kind: job.data.kind });
      this.logger.error({ msg: 'mail failed for good', ...details });
    });
  }

  private async process(job: Job<MailJob>): Promise<string> {
    const data = job.data;
    if (isEventMailJob(data)) return this.fanOut(data);
    if (isRegistrantMailJob(data)) return this.sendOne(data);
    return this.send(data.kind, data.mail);
  }

  private async sendOne(job: RegistrantMailJob): Promise<string> {
    const composed = await this.composer.compose(job);
    if ('skip' in composed) return `skipped: ${composed.skip}`;
    return this.send(job.kind, composed.send);
  }

  private async send(kind: MailJobKind, mail: MailMessage): Promise<string> {
    try {
      const { messageId } = await this.sender.send(mail);
      this.metrics.sent.inc({ kind });
      return `sent ${messageId}`;
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) {
        throw new UnrecoverableError(`the SMTP server refused the mail for good (${code}): ${(e as Error).message}`);
      }
      throw e;
    }
  }

  /** Every registrant of the event, a page at a time: reminders moved or dropped, one notice each. */
  private async fanOut(job: EventMailJob): Promise<string> {
    const event = await this.events.findById(job.eventId);
    if (!event) return 'skipped: the event is gone';
    if (job.kind === 'event-changed' && event.state === 'cancelled') return 'skipped: the event was cancelled since';
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const ids = await this.registrations.idsAfter(event.id, after, FAN_OUT_PAGE);
      if (ids.length === 0) break;
      if (job.kind === 'event-changed') {
        await this.queue.moveReminders(ids, event);
        await this.queue.sendChangeNotices(ids, job.version, {
          startsAt: job.previousStartsAt,
          endsAt: job.previousEndsAt,
        });
      } else {
        await this.queue.dropReminders(ids);
        await this.queue.sendCancellations(ids);
      }
      count += ids.length;
      after = ids[ids.length - 1];
    }
    return `${count} registrants`;
  }

  async onModuleDestroy(): Promise<void> {
    await closeBriefly(this.worker?.close());
    this.connection?.disconnect();
    this.sender.close();
  }
}
