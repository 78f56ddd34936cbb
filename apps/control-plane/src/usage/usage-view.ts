import { ApiProperty } from '@nestjs/swagger';
import type { EventState } from '#domain';
import { EVENT_STATES } from '../events/event-view';

export class EventUsageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() organizerName!: string;
  @ApiProperty({ format: 'date-time', description: 'scheduled start' }) startsAt!: string;
  @ApiProperty({ enum: EVENT_STATES, enumName: 'EventState' }) state!: EventState;
  @ApiProperty({ description: 'most attendees seated at once while live' }) peakConcurrent!: number;
  @ApiProperty({ description: 'max(0, peak − (limit + buffer)): the billable attendees' }) peakOverage!: number;
  @ApiProperty({ description: 'peakOverage × the order’s overage rate, in integer cents' }) overageFeeCents!: number;
}

export class AccountUsageView {
  @ApiProperty({ example: '2026-03', description: 'the UTC month, YYYY-MM' }) month!: string;
  @ApiProperty({
    type: [EventUsageView],
    description: 'events not cancelled that started (or are scheduled to start) in the month, in start order',
  })
  events!: EventUsageView[];

  @ApiProperty() totalOverageFeeCents!: number;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency of the fees' }) currency!: string;
}
