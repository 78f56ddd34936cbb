import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MAIL_LANGUAGES, MailLanguage } from '#mail';
import { Trim } from '../http/trim';

export const VIEWER_PASSWORD_MIN = 10;
export const VIEWER_PASSWORD_MAX = 200;

/** A new password: long enough to resist guessing, short enough that hashing it costs nothing unusual. */
const NewPassword = () =>
  applyDecorators(
    ApiProperty({ minLength: VIEWER_PASSWORD_MIN, maxLength: VIEWER_PASSWORD_MAX, example: 'a long passphrase' }),
    IsString(),
    MinLength(VIEWER_PASSWORD_MIN, { message: `$property must be at least ${VIEWER_PASSWORD_MIN} characters` }),
    MaxLength(VIEWER_PASSWORD_MAX),
  );

class ViewerEmailDto {
  @ApiProperty({ maxLength: 254, example: 'hedy.lamarr@example.org' })
  @Trim()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}

export class ViewerSignUpDto extends ViewerEmailDto {
  @NewPassword()
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Hedy Lamarr' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ enum: MAIL_LANGUAGES, description: "language of the viewer's mails and pages" })
  @IsIn(MAIL_LANGUAGES)
  language!: MailLanguage;

  @ApiProperty({
    enum: [true],
    description: "the viewer accepts the terms' viewing-history clause (shown at sign-up); sign-up refuses without it",
  })
  @IsBoolean()
  @Equals(true, { message: 'acceptHistoryTerms must be true: Stage keeps a viewing history, as the terms say' })
  acceptHistoryTerms!: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'creators may see this viewer by name (otherwise they see aggregates only)',
  })
  @IsOptional()
  @IsBoolean()
  shareNameWithCreators?: boolean;
}

export class ViewerTokenDto {
  @ApiProperty({ maxLength: 200, description: 'the token of the link mailed to the viewer' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;
}

export class ViewerSignInDto extends ViewerEmailDto {
  @ApiProperty({ maxLength: VIEWER_PASSWORD_MAX })
  @IsString()
  @MinLength(1)
  @MaxLength(VIEWER_PASSWORD_MAX)
  password!: string;
}

export class ViewerPasswordResetDto extends ViewerEmailDto {}

export class ViewerNewPasswordDto extends ViewerTokenDto {
  @NewPassword()
  password!: string;
}

export class ViewerSettingsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: MAIL_LANGUAGES })
  @IsOptional()
  @IsIn(MAIL_LANGUAGES)
  language?: MailLanguage;

  @ApiPropertyOptional({ description: 'creators may see this viewer by name' })
  @IsOptional()
  @IsBoolean()
  shareNameWithCreators?: boolean;

  @ApiPropertyOptional({ description: 'while paused, no watch position and no view of this viewer is recorded' })
  @IsOptional()
  @IsBoolean()
  historyPaused?: boolean;
}

export class ViewerDeleteDto {
  @ApiProperty({ maxLength: VIEWER_PASSWORD_MAX, description: "the viewer's password, to confirm" })
  @IsString()
  @MinLength(1)
  @MaxLength(VIEWER_PASSWORD_MAX)
  password!: string;
}
