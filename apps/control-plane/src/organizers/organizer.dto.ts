import { Trim } from '../http/trim';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class NewOrganizerDto {
  @ApiProperty({
    maxLength: 254,
    example: 'grace.hopper@example.com',
    description: "one person's own address; role mailboxes (info@, user1@, trainer@ …) are refused",
  })
  @Trim()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ maxLength: 200, example: 'Grace Hopper' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'initial password (12+ characters)' })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}

export class CreateOrganizerDto extends NewOrganizerDto {
  @ApiPropertyOptional({
    description: 'the order whose seat the organizer takes; may be left out when the account has one order',
  })
  @IsOptional()
  @IsUUID('all', { message: 'orderId must be an order id (a UUID)' })
  orderId?: string;
}

/** Reassigning a seat: the new person who takes it over. */
export class ReassignSeatDto extends NewOrganizerDto {}
