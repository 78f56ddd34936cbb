import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, WEBHOOK_TEST_EVENT } from '#domain';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { checkWebhookUrl } from './webhook-address-policy';
import { WebhookDeliveriesRepository, type WebhookDeliveryRecord } from './webhook-deliveries.repository';
import { WebhookEndpointRecord, WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { deliveryIdOf, isDeliveryId } from './webhook-jobs';
import { WebhookQueue } from './webhook-queue';
import { newWebhookSecret } from './webhook-signature';
import type { CreateWebhookEndpointDto, UpdateWebhookEndpointDto } from './webhook.dto';

/** An account's endpoints, as its administrator manages them: always within the caller's account. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly queue: WebhookQueue,
  ) {}

  private checkUrl(url: string): string {
    return checkWebhookUrl(url, {
      allowHttp: this.config.WEBHOOK_ALLOW_HTTP,
      allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    }).toString();
  }

  list(admin: AuthUser): Promise<WebhookEndpointRecord[]> {
    return this.endpoints.list(admin.accountId);
  }

  async get(admin: AuthUser, id: string): Promise<WebhookEndpointRecord> {
    const e = await this.endpoints.get(admin.accountId, id);
    if (!e) throw new DomainError('not_found', `no webhook endpoint with id ${id} in this account`, 'id');
    return e;
  }

  create(admin: AuthUser, dto: CreateWebhookEndpointDto): Promise<WebhookEndpointRecord> {
    return this.endpoints.insert({
      accountId: admin.accountId,
      url: this.checkUrl(dto.url),
      description: dto.description ?? '',
      eventTypes: [...new Set(dto.eventTypes)],
      secret: newWebhookSecret(),
      enabled: dto.enabled ?? true,
    });
  }

  async update(admin: AuthUser, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointRecord> {
    const e = await this.endpoints.update(admin.accountId, id, {
      url: dto.url === undefined ? undefined : this.checkUrl(dto.url),
      description: dto.description,
      eventTypes: dto.eventTypes && [...new Set(dto.eventTypes)],
      enabled: dto.enabled,
    });
    if (!e) throw new DomainError('not_found', `no webhook endpoint with id ${id} in this account`, 'id');
    return e;
  }

  /** A new secret at once: deliveries signed from now on use it (the old one stops verifying). */
  async rotateSecret(admin: AuthUser, id: string): Promise<WebhookEndpointRecord> {
    const e = await this.endpoints.update(admin.accountId, id, { secret: newWebhookSecret() });
    if (!e) throw new DomainError('not_found', `no webhook endpoint with id ${id} in this account`, 'id');
    return e;
  }

  async delete(admin: AuthUser, id: string): Promise<void> {
    if (!(await this.endpoints.delete(admin.accountId, id))) {
      throw new DomainError('not_found', `no webhook endpoint with id ${id} in this account`, 'id');
    }
  }

  async deliveriesOf(admin: AuthUser, id: string, limit: number) {
    await this.get(admin, id);
    const list = await this.deliveries.listForEndpoint(id, limit);
    return Promise.all(list.map(async (d) => ({ d, attempts: await this.deliveries.attemptsOf(d.id) })));
  }

  /** Sends a `webhook.test` message now, whatever the endpoint subscribes to (even when it is disabled). */
  async sendTest(admin: AuthUser, id: string): Promise<WebhookDeliveryRecord> {
    const endpoint = await this.get(admin, id);
    if (!endpoint.enabled) throw new DomainError('conflict', 'enable the endpoint before sending it a test', 'id');
    const deliveryId = deliveryIdOf(endpoint.id, WEBHOOK_TEST_EVENT, randomUUID());
    const now = new Date();
    await this.deliveries.insert({
      id: deliveryId,
      endpointId: endpoint.id,
      accountId: admin.accountId,
      eventType: WEBHOOK_TEST_EVENT,
      payload: { type: WEBHOOK_TEST_EVENT, timestamp: now.toISOString(), data: { message: 'a test from the console' } },
    });
    await this.queue.deliver(deliveryId);
    return (await this.deliveries.findById(deliveryId))!;
  }

  /** Sends a delivery again with the same id (receivers that saw it deduplicate), retried as a new one. */
  async replay(admin: AuthUser, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRecord> {
    const endpoint = await this.get(admin, endpointId);
    const d = isDeliveryId(deliveryId) ? await this.deliveries.findForAccount(admin.accountId, deliveryId) : null;
    if (!d || d.endpointId !== endpoint.id) {
      throw new DomainError(
        'not_found',
        `no delivery ${JSON.stringify(deliveryId.slice(0, 64))} for this endpoint`,
        'deliveryId',
      );
    }
    if (!endpoint.enabled) throw new DomainError('conflict', 'enable the endpoint before replaying to it', 'id');
    if (d.status === 'pending' && (await this.queue.isQueued(d.id))) {
      throw new DomainError('conflict', 'this delivery is still being attempted; wait for its outcome', 'deliveryId');
    }
    await this.deliveries.reopen(d.id);
    await this.queue.deliver(d.id, `${d.id}-replay-${Date.now()}`);
    return (await this.deliveries.findById(d.id))!;
  }
}
