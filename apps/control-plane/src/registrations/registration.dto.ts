import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MAIL_LANGUAGES, MailLanguage } from '#mail';
import { Trim } from '../http/trim';

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
