import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '#domain';
import type { WebhookAttemptRecord, WebhookDeliveryRecord } from './webhook-deliveries.repository';
import type { WebhookEndpointRecord } from './webhook-endpoints.repository';

export class WebhookEndpointView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) eventTypes!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'set when a delivery failed for good; cleared by the next success',
  })
  failingSince!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why deliveries were switched off, when they were' })
  disabledReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookEndpointWithSecretView extends WebhookEndpointView {
  @ApiProperty({ description: 'the signing secret (whsec_…): shown only now, at creation or rotation' })
  secret!: string;
}

export class WebhookAttemptView {
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when no answer came (refused, timed out)' })
  statusCode!: number | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ description: 'the first kilobyte of the answer' }) responseExcerpt!: string;
}

export class WebhookDeliveryView {
  @ApiProperty({ description: 'the webhook-id header: the same on every attempt and replay' }) id!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: Object, description: 'the JSON body sent: { type, timestamp, data }' }) payload!: unknown;
  @ApiProperty({ type: [WebhookAttemptView] }) attemptLog!: WebhookAttemptView[];
}

export function toEndpointView(e: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    failingSince: e.failingSince?.toISOString() ?? null,
    disabledReason: e.disabledReason,
    createdAt: e.createdAt.toISOString(),
  };
}

export function toDeliveryView(d: WebhookDeliveryRecord, attempts: WebhookAttemptRecord[]): WebhookDeliveryView {
  return {
    id: d.id,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    payload: d.payload,
    attemptLog: attempts.map((a) => ({
      attemptedAt: a.attemptedAt.toISOString(),
      statusCode: a.statusCode,
      durationMs: a.durationMs,
      error: a.error,
      responseExcerpt: a.responseExcerpt,
    })),
  };
}
