import { Injectable, Logger } from '@nestjs/common';
import type { WebhookEventType } from '#domain';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { deliveryIdOf } from './webhook-jobs';
import type { WebhookEnvelope } from './webhook-payloads';
import { WebhookQueue } from './webhook-queue';

/**
 * Turns something that happened in an account into one delivery per subscribed endpoint: the row first (the
 * delivery log, and what survives a crash), then the job. `occurrence` names the happening (an event's id and
 * version, an asset's id) so that noticing it twice makes one delivery.
 */
@Injectable()
export class WebhookPublisher {
  private readonly logger = new Logger('webhooks');

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly queue: WebhookQueue,
  ) {}

  async publish(
    accountId: string,
    type: WebhookEventType,
    occurrence: string,
    data: Record<string, unknown>,
    at = new Date(),
  ): Promise<number> {
    const subscribers = await this.endpoints.subscribers(accountId, type);
    const payload: WebhookEnvelope = { type, timestamp: at.toISOString(), data };
    for (const endpoint of subscribers) {
      const id = deliveryIdOf(endpoint.id, type, occurrence);
      await this.deliveries.insert({ id, endpointId: endpoint.id, accountId, eventType: type, payload });
      await this.queue.deliver(id);
    }
    return subscribers.length;
  }

  /** As publish, for callers that must not fail because of webhooks (a request, a queue listener). */
  async publishQuietly(
    accountId: string,
    type: WebhookEventType,
    occurrence: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.publish(accountId, type, occurrence, data);
    } catch (e) {
      // the rows that were written are queued again by the sweep; log what was not
      this.logger.error({ msg: 'could not queue a webhook', type, occurrence, err: (e as Error).message });
    }
  }
}
