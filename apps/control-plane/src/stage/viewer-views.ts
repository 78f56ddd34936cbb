import { ApiProperty } from '@nestjs/swagger';
import { MAIL_LANGUAGES, MailLanguage } from '#mail';
import type { ViewerRecord } from './viewer-accounts.repository';

/** The answer to sign-up and to a reset request: the same whether the address has an account or not. */
export class ViewerMailSentView {
  @ApiProperty({ enum: ['check-your-inbox'] }) status!: 'check-your-inbox';
  @ApiProperty({ description: 'where the mail goes, if it goes' }) email!: string;
}

export class ViewerVerifiedView {
  @ApiProperty({ enum: ['verified'] }) status!: 'verified';
}

export class ViewerPasswordChangedView {
  @ApiProperty({ enum: ['password-changed'], description: 'sign in with the new password; older tokens are revoked' })
  status!: 'password-changed';
}

/** The signed-in viewer's own account. */
export class ViewerMeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'hedy.lamarr@example.org' }) email!: string;
  @ApiProperty({ example: 'Hedy Lamarr' }) displayName!: string;
  @ApiProperty({ enum: MAIL_LANGUAGES }) language!: MailLanguage;
  @ApiProperty() shareNameWithCreators!: boolean;
  @ApiProperty({ description: 'while true, no watch position and no view is recorded' }) historyPaused!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ViewerSessionView {
  @ApiProperty({ description: 'viewer token to send as Authorization: Bearer <accessToken> to /api/stage endpoints' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: ViewerMeView }) viewer!: ViewerMeView;
}

export function toViewerMeView(v: ViewerRecord): ViewerMeView {
  return {
    id: v.id,
    email: v.email,
    displayName: v.displayName,
    language: v.language,
    shareNameWithCreators: v.shareNameWithCreators,
    historyPaused: v.historyPaused,
    createdAt: v.createdAt.toISOString(),
  };
}
