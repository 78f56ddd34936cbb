import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { ControlPlaneMetrics } from '../observability/metrics';

@Injectable()
export class MailMetrics {
  readonly sent: Counter<'kind'>;
  /** Mails given up on after every attempt: an operator alerts on this. */
  readonly failed: Counter<'kind'>;

  constructor(metrics: ControlPlaneMetrics) {
    this.sent = new Counter({
      name: 'mail_sent_total',
      help: 'Mails the SMTP server accepted, by kind (confirmation, reminder, changed, cancelled, webhook-failing, viewer-*)',
      labelNames: ['kind'],
      registers: [metrics.registry],
    });
    this.failed = new Counter({
      name: 'mail_failed_total',
      help: 'Mail jobs that failed for good (every attempt used, or refused permanently), by kind',
      labelNames: ['kind'],
      registers: [metrics.registry],
    });
  }
}
