import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { ControlPlaneMetrics } from '../observability/metrics';

@Injectable()
export class WebhookMetrics {
  readonly attempts: Counter<'outcome'>;
  /** Deliveries given up on after a day of retries: an operator (and the account) should look at the receiver. */
  readonly failed: Counter;

  constructor(metrics: ControlPlaneMetrics) {
    this.attempts = new Counter({
      name: 'webhook_attempts_total',
      help: 'Webhook delivery attempts, by outcome (delivered, failed)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    this.failed = new Counter({
      name: 'webhook_deliveries_failed_total',
      help: 'Webhook deliveries that failed for good (retried for WEBHOOK_RETRY_FOR)',
      registers: [metrics.registry],
    });
  }
}
