import { ApiProperty } from '@nestjs/swagger';
import type { UserRecord } from '../accounts/user-record';

export class OrganizerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'grace.hopper@example.com' }) email!: string;
  @ApiProperty({ example: 'Grace Hopper' }) name!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the order whose seat the organizer holds',
  })
  orderId!: string | null;

  @ApiProperty({ description: 'false once deactivated (or reassigned): holds no seat, cannot sign in' })
  active!: boolean;

  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deactivatedAt!: string | null;
}

export class SeatReassignmentView {
  @ApiProperty({ type: OrganizerView, description: 'the organizer who gave up the seat (now deactivated)' })
  previous!: OrganizerView;

  @ApiProperty({ type: OrganizerView, description: 'the new organizer on the seat' })
  organizer!: OrganizerView;

  @ApiProperty({ description: 'scheduled events moved to the new organizer (with new stream keys)' })
  movedEvents!: number;
}

export function toOrganizerView(u: UserRecord): OrganizerView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    orderId: u.orderId,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
  };
}
