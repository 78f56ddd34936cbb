import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { retriesExhausted, retryDelayMs, shouldDisableEndpoint, type RetryPolicy } from '#domain';
import { closeBriefly } from '#process';
import { DEFAULT_MAIL_LANGUAGE, webhookFailingMail } from '#mail';
import { UsersRepository } from '../accounts/users.repository';
import { publicBaseUrl } from '../http/public-base-url';
import { webhookFailingJobId } from '../mail/mail-jobs';
import { MailQueue } from '../mail/mail-queue';
import { AttendanceReportService } from '../attendance/attendance-report.service';
import type { ControlPlaneConfig } from '../config';
import { EventsRepository } from '../events/events.repository';
import { CONFIG } from '../infrastructure/di-tokens';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointRecord, WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WEBHOOK_BACKOFF, WEBHOOK_QUEUE, WebhookJob } from './webhook-jobs';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookPublisher } from './webhook-publisher';
import { WebhookQueue } from './webhook-queue';
import { postWebhook } from './webhook-sender';
import { webhookHeaders } from './webhook-signature';

const SWEEP_PAGE = 1000;

/**
 * Makes the deliveries: signs each attempt afresh (a new timestamp), logs it, retries with growing gaps until the
 * delivery is WEBHOOK_RETRY_FOR old, then marks it failed and the endpoint failing (disabled after
 * WEBHOOK_DISABLE_AFTER of failures). Every control plane runs one. At start, pending deliveries whose job is gone
 * (Redis lost it, or the process died between the row and the job) are queued again.
 */
@Injectable()
export class WebhookWorker implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('webhooks');
  private worker?: Worker<WebhookJob>;
  private connection?: Redis;
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly queue: WebhookQueue,
    private readonly publisher: WebhookPublisher,
    private readonly events: EventsRepository,
    private readonly reports: AttendanceReportService,
    private readonly metrics: WebhookMetrics,
    private readonly users: UsersRepository,
    private readonly mail: MailQueue,
  ) {
    this.policy = {
      baseMs: config.WEBHOOK_RETRY_BASE,
      maxGapMs: config.WEBHOOK_RETRY_MAX_GAP,
      retryForMs: config.WEBHOOK_RETRY_FOR,
    };
  }

  onModuleInit(): void {
    this.connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.worker = new Worker<WebhookJob>(WEBHOOK_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.REDIS_PREFIX,
      concurrency: this.config.WEBHOOK_CONCURRENCY,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string) =>
          type === WEBHOOK_BACKOFF ? retryDelayMs(attemptsMade, this.policy, Math.random()) : 5000 * 2 ** attemptsMade,
      },
    });
    this.worker.on('error', () => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep().catch((e: Error) =>
      this.logger.warn({ msg: 'could not queue pending webhook deliveries again', err: e.message }),
    );
  }

  /** Pending deliveries with no job waiting for them are queued again (under a new job id: the old one is spent). */
  async sweep(): Promise<number> {
    let requeued = 0;
    for (const id of await this.deliveries.pendingIds(SWEEP_PAGE)) {
      if (await this.queue.isQueued(id)) continue;
      await this.queue.deliver(id, `${id}-swept-${Date.now()}`);
      requeued++;
    }
    if (requeued > 0) this.logger.log({ msg: 'queued pending webhook deliveries again', count: requeued });
    return requeued;
  }

  private async process(job: Job<WebhookJob>): Promise<string> {
    if (job.data.kind === 'report-ready') return this.reportReady(job.data.eventId);
    return this.deliver(job.data.deliveryId);
  }

  private async deliver(deliveryId: string): Promise<string> {
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'nothing to do';
    const endpoint = await this.endpoints.findById(delivery.endpointId);
    if (!endpoint) return 'the endpoint was deleted';
    if (!endpoint.enabled) throw new UnrecoverableError('the endpoint is disabled');
    const body = JSON.stringify(delivery.payload);
    const now = new Date();
    const outcome = await postWebhook(endpoint.url, webhookHeaders(endpoint.secret, delivery.id, body, now), body, {
      policy: {
        allowHttp: this.config.WEBHOOK_ALLOW_HTTP,
        allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
      },
      timeoutMs: this.config.WEBHOOK_TIMEOUT,
      userAgent: 'webcast-platform-webhooks/1',
    });
    this.metrics.attempts.inc({ outcome: outcome.ok ? 'delivered' : 'failed' });
    if (outcome.ok) {
      await this.deliveries.recordAttempt(delivery.id, now, outcome, true);
      await this.endpoints.markHealthy(endpoint.id);
      return `delivered (${outcome.statusCode})`;
    }
    const final = retriesExhausted(delivery.createdAt, now, this.policy);
    await this.deliveries.recordAttempt(delivery.id, now, outcome, final);
    if (!final) throw new Error(outcome.error ?? 'delivery failed');
    this.metrics.failed.inc();
    const failing = await this.endpoints.markFailing(endpoint.id, now);
    this.logger.warn({ msg: 'webhook delivery failed for good', deliveryId, endpointId: endpoint.id });
    const lastError = outcome.error ?? `the receiver answered ${outcome.statusCode}`;
    if (failing && shouldDisableEndpoint(failing.failingSince, now, this.config.WEBHOOK_DISABLE_AFTER)) {
      await this.endpoints.disable(
        endpoint.id,
        'disabled after failing for too long; fix the receiver, then enable it',
      );
      this.logger.warn({ msg: 'webhook endpoint disabled after failing', endpointId: endpoint.id });
      await this.tellAdministrators(failing, lastError, true);
    } else if (failing?.failingSince && failing.failingSince.getTime() === now.getTime()) {
      // the first failure since the last success: later ones of the same episode are in the console's log
      await this.tellAdministrators(failing, lastError, false);
    }
    throw new UnrecoverableError(outcome.error ?? 'delivery failed');
  }

  /** Mails every active administrator of the endpoint's account (the console shows the same state). */
  private async tellAdministrators(endpoint: WebhookEndpointRecord, lastError: string, disabled: boolean) {
    const since = endpoint.failingSince ?? new Date();
    const consoleUrl = `${publicBaseUrl(this.config)}/integrations/webhooks/${endpoint.id}`;
    for (const admin of await this.users.listByAccount(endpoint.accountId, 'admin')) {
      if (!admin.active) continue;
      const mail = webhookFailingMail({
        // administrators have no language setting yet: the deployment's default
        language: DEFAULT_MAIL_LANGUAGE,
        to: { name: admin.name, address: admin.email },
        endpointUrl: endpoint.url,
        lastError,
        disabled,
        consoleUrl,
      });
      await this.mail
        .sendComposed({ kind: 'webhook-failing', mail }, webhookFailingJobId(endpoint.id, since, disabled, admin.id))
        .catch((e: Error) => this.logger.warn({ msg: 'could not queue the webhook-failing mail', err: e.message }));
    }
  }

  private async reportReady(eventId: string): Promise<string> {
    const event = await this.events.findById(eventId);
    if (!event || event.state !== 'ended') return 'skipped: the event is not ended';
    const organizer = {
      id: event.organizerId,
      accountId: event.accountId,
      role: 'organizer' as const,
      orderId: event.orderId,
    };
    const r = await this.reports.report(organizer, event.id);
    const n = await this.publisher.publish(event.accountId, 'attendance.report_ready', event.id, {
      eventId: event.id,
      title: event.title,
      registrants: r.registrants,
      uniqueAttendees: r.uniqueAttendees,
      peakConcurrent: r.peakConcurrent,
      bufferUsed: r.bufferUsed,
      peakOverage: r.peakOverage,
      overageFeeCents: r.overageFeeCents,
    });
    return `${n} endpoints`;
  }

  async onModuleDestroy(): Promise<void> {
    await closeBriefly(this.worker?.close());
    this.connection?.disconnect();
  }
}
