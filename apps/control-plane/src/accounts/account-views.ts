import { ApiProperty } from '@nestjs/swagger';

export class AccountView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Acme Ltd' }) name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** What the internal onboarding endpoint answers. */
export class OnboardedCustomerView {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) adminId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) organizerIds!: string[];
}
