import { ApiProperty } from '@nestjs/swagger';
import type { EventState, OveragePolicy, SeatTier } from '#domain';
import type { AdmissionPhase } from '#seat-ledger';
import { EVENT_STATES } from '../events/event-view';
import type { AttendanceReport, AttendeeLine } from './attendance-report';
import type { SeriesPoint } from './attendance-series';

const TIERS: SeatTier[] = ['included', 'buffer', 'overage'];
const PHASES: AdmissionPhase[] = ['live', 'on-demand'];

export class AttendeeSessionView {
  @ApiProperty({ enum: PHASES, enumName: 'AdmissionPhase' }) phase!: AdmissionPhase;
  @ApiProperty({ format: 'date-time', description: 'first device in' }) joinAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'last device out; null = watching' })
  leaveAt!: string | null;

  @ApiProperty({ enum: TIERS, enumName: 'SeatTier' }) tier!: SeatTier;
}

export class AttendeeLineView implements AttendeeLine {
  @ApiProperty({ format: 'uuid' }) registrantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: [AttendeeSessionView] }) sessions!: AttendeeSessionView[];
  @ApiProperty({ description: 'distinct devices used' }) devices!: number;
  @ApiProperty({ description: 'minutes watched live' }) watchMinutes!: number;
  @ApiProperty({ description: 'minutes watched on demand' }) onDemandMinutes!: number;
}

export class AttendanceReportView implements AttendanceReport {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() registrants!: number;
  @ApiProperty({ description: 'registrants who held a live seat at least once' }) uniqueAttendees!: number;
  @ApiProperty({ description: 'registrants who watched on demand at least once' }) onDemandViewers!: number;
  @ApiProperty({ description: 'most attendees seated at once while live' }) peakConcurrent!: number;
  @ApiProperty() attendeeLimit!: number;
  @ApiProperty() bufferSeats!: number;
  @ApiProperty({ description: 'buffer seats in use at the peak' }) bufferUsed!: number;
  @ApiProperty({ description: 'max(0, peak − (limit + buffer))' }) peakOverage!: number;
  @ApiProperty() overageRateCents!: number;
  @ApiProperty({ description: 'peakOverage × overageRateCents' }) overageFeeCents!: number;
  @ApiProperty({ type: [AttendeeLineView] }) attendees!: AttendeeLineView[];
}

export class SeriesPointView implements SeriesPoint {
  @ApiProperty({ format: 'date-time', description: 'start of the bucket' }) t!: string;
  @ApiProperty({ description: 'most attendees seated at any moment of the bucket' }) concurrent!: number;
  @ApiProperty({ description: 'attendees admitted to a seat in the bucket' }) joins!: number;
  @ApiProperty({ description: 'attendees whose seat was freed in the bucket' }) leaves!: number;
}

export class SeriesPeakView {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when first reached; null = nobody came',
  })
  at!: string | null;

  @ApiProperty() concurrent!: number;
}

export class AttendanceSeriesView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'date-time', description: 'actual start (scheduled start before go-live)' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'end, or now while live (scheduled end before go-live)' })
  to!: string;

  @ApiProperty({ minimum: 1, description: 'length of each bucket' }) bucketSeconds!: number;
  @ApiProperty({ description: "the event's attendee limit" }) limit!: number;
  @ApiProperty({ description: 'seats over the limit admitted at no charge' }) bufferSeats!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'most billable seats beyond limit + buffer; null = no cap (bill), 0 for a block order',
  })
  overageCap!: number | null;

  @ApiProperty({ type: [SeriesPointView], description: 'consecutive buckets from `from` (at most `points`)' })
  points!: SeriesPointView[];

  @ApiProperty({ type: SeriesPeakView }) peak!: SeriesPeakView;
}

export class EventCapacityView {
  @ApiProperty({ enum: EVENT_STATES, enumName: 'EventState' }) state!: EventState;
  @ApiProperty({ description: 'attendees seated now' }) viewers!: number;
  @ApiProperty({ description: 'attendees in the waiting room' }) waiting!: number;
  @ApiProperty({ description: 'seats in use within the limit' }) included!: number;
  @ApiProperty({ description: 'buffer seats in use' }) buffer!: number;
  @ApiProperty({ description: 'billable seats in use beyond limit + buffer' }) overage!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() bufferSeats!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null = no cap (bill), 0 for a block order' })
  overageCap!: number | null;

  @ApiProperty({ enum: ['bill', 'block'], enumName: 'OveragePolicy' }) policy!: OveragePolicy;
}
