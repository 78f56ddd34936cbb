import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAIL_LANGUAGES, MailLanguage } from '#mail';
import { Trim } from '../http/trim';
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

  @ApiPropertyOptional({
    enum: MAIL_LANGUAGES,
    description: "language of the registrant's mails; default: the best of Accept-Language, else en",
  })
  @IsOptional()
  @IsIn(MAIL_LANGUAGES)
  language?: MailLanguage;
}

export class AddRegistrantDto extends RegisterDto {
  @ApiPropertyOptional({ description: 'mail the registrant their join link and invitation (default true)' })
  @IsOptional()
  @IsBoolean()
  sendInvitation?: boolean;
}

/** The public form's answer: the same whether the address was new or known, and never a link. */
export class RegistrationAcceptedView {
  @ApiProperty({ enum: ['check-your-inbox'] })
  status!: 'check-your-inbox';

  @ApiProperty({ description: 'where the join link was sent' })
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
