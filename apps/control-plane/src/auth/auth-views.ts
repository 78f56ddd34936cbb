import { ApiProperty } from '@nestjs/swagger';
import type { Role } from './auth-user';

export const ROLES_ENUM: Role[] = ['admin', 'organizer', 'operator'];

/** Who signed in, as the login answer names them. */
export class SessionUserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ada.lovelace@example.com' }) email!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
  @ApiProperty({ enum: ROLES_ENUM, enumName: 'Role' }) role!: Role;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the customer account; null for the platform operator',
  })
  accountId!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the order whose seat an organizer holds; null for administrators and the operator',
  })
  orderId!: string | null;
}

export class LoginResultView {
  @ApiProperty({ description: 'JWT to send as Authorization: Bearer <accessToken>' }) accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: SessionUserView }) user!: SessionUserView;
}

export class MeView extends SessionUserView {
  @ApiProperty({ type: String, nullable: true, description: 'name of the customer account; null for the operator' })
  accountName!: string | null;
}
