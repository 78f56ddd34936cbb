import { ApiProperty } from '@nestjs/swagger';

export class AdministratorView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
}

/** One customer account as the platform operator sees it: who administers it, what it bought and used. */
export class OperatorAccountView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [AdministratorView], description: 'active administrators' })
  administrators!: AdministratorView[];

  @ApiProperty({ description: 'organizer seats of the orders valid now' }) seatsTotal!: number;
  @ApiProperty({ description: 'active organizers holding a seat of an order valid now' }) seatsUsed!: number;
  @ApiProperty({ description: 'orders valid now' }) activeOrders!: number;
  @ApiProperty({ description: 'events not cancelled starting this month (UTC)' }) eventsThisMonth!: number;
  @ApiProperty({ description: 'overage fees of those events, integer cents' }) overageFeeCentsThisMonth!: number;
}

export class AccountRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class AdministratorRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
}

export class OrderRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class CreatedAccountView {
  @ApiProperty({ type: AccountRefView }) account!: AccountRefView;
  @ApiProperty({ type: AdministratorRefView }) administrator!: AdministratorRefView;
  @ApiProperty({ type: OrderRefView }) order!: OrderRefView;
}
