import { Trim } from '../http/trim';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { QueryInt } from '../http/query-int';

export class RegisterDto {
  @ApiProperty({ maxLength: 200, example: 'Alan Turing' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 254, example: 'alan.turing@example.org' })
  @Trim()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}

export const REGISTRATIONS_PAGE_MAX = 500;

export class RegistrationListQuery {
  @ApiPropertyOptional({ maxLength: 200, description: 'part of the name or e-mail, any case' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: REGISTRATIONS_PAGE_MAX, default: 50 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(REGISTRATIONS_PAGE_MAX)
  limit?: number;
}
