import { Trim } from '../http/trim';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsString,
  MaxLength,
  MinLength,
  ArrayMaxSize,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { OrderDto } from '../orders/order.dto';
import { NewOrganizerDto } from '../organizers/organizer.dto';

export class NewAdminDto {
  @ApiProperty({ maxLength: 254 })
  @Trim()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'admin.email must be an email address' })
  email!: string;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}

export class OnboardCustomerDto {
  @ApiProperty({ maxLength: 200, example: 'Acme Ltd' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  accountName!: string;

  @ApiProperty({ type: NewAdminDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => NewAdminDto)
  admin!: NewAdminDto;

  @ApiProperty({ type: OrderDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => OrderDto)
  order!: OrderDto;

  @ApiProperty({ type: [NewOrganizerDto], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NewOrganizerDto)
  organizers!: NewOrganizerDto[];
}
