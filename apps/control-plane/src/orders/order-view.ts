import { ApiProperty } from '@nestjs/swagger';
import { OveragePolicy, bufferSeats } from '#domain';
import type { OrderRecord } from './order-record';

export class OrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'named organizer seats' }) seats!: number;
  @ApiProperty({ description: 'attendees per event (1..5000)' }) attendeeLimit!: number;
  @ApiProperty({ description: 'admitted over the limit at no charge, in percent (10)' }) bufferPercent!: number;
  @ApiProperty({ description: 'floor(attendeeLimit × bufferPercent / 100)' }) bufferSeats!: number;
  @ApiProperty({ description: 'integer cents per billable attendee beyond limit + buffer' }) overageRateCents!: number;
  @ApiProperty({ enum: ['bill', 'block'], enumName: 'OveragePolicy' }) overagePolicy!: OveragePolicy;
  @ApiProperty({ type: Number, nullable: true, description: 'most billable overage attendees (bill); null = no cap' })
  overageCap!: number | null;

  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validUntil!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toOrderView(o: OrderRecord): OrderView {
  return {
    id: o.id,
    seats: o.seats,
    attendeeLimit: o.attendeeLimit,
    bufferPercent: o.bufferPercent,
    bufferSeats: bufferSeats(o.attendeeLimit, o.bufferPercent),
    overageRateCents: o.overageRateCents,
    overagePolicy: o.overagePolicy,
    overageCap: o.overageCap,
    validFrom: o.validFrom.toISOString(),
    validUntil: o.validUntil.toISOString(),
    createdAt: o.createdAt.toISOString(),
  };
}
