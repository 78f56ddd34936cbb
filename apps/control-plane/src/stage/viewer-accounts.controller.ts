import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import type { ViewerRecord } from './viewer-accounts.repository';
import {
  ViewerDeleteDto,
  ViewerNewPasswordDto,
  ViewerPasswordResetDto,
  ViewerSettingsDto,
  ViewerSignInDto,
  ViewerSignUpDto,
  ViewerTokenDto,
} from './viewer-accounts.dto';
import { ViewerAccountsService } from './viewer-accounts.service';
import { CurrentViewer, ViewerSignedIn } from './viewer-auth.guard';
import {
  ViewerMailSentView,
  ViewerMeView,
  ViewerPasswordChangedView,
  ViewerSessionView,
  ViewerVerifiedView,
} from './viewer-views';

@ApiTags('stage viewers')
@Controller('api/stage')
export class ViewerAccountsController {
  constructor(private readonly viewers: ViewerAccountsService) {}

  @Public()
  @Post('viewers')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Sign up to Stage: a verification link goes to the address (or, when it has an account, a mail saying so); the answer is the same either way. Limited per address and per IP (429 with Retry-After).',
  })
  @ApiAcceptedResponse({ type: ViewerMailSentView })
  signUp(@Body() dto: ViewerSignUpDto, @Req() req: Request): Promise<ViewerMailSentView> {
    return this.viewers.signUp(dto, req.ip);
  }

  @Public()
  @Post('viewers/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify the address with the token of the mailed link (once; the link expires in 48 h)' })
  @ApiOkResponse({ type: ViewerVerifiedView })
  verify(@Body() dto: ViewerTokenDto): Promise<ViewerVerifiedView> {
    return this.viewers.verify(dto.token);
  }

  @Public()
  @Post('sessions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in as a Stage viewer; returns a viewer token (not an organizer access token). 403 while the address is unverified; rate-limited like the organizer login',
  })
  @ApiOkResponse({ type: ViewerSessionView })
  signIn(@Body() dto: ViewerSignInDto, @Req() req: Request): Promise<ViewerSessionView> {
    return this.viewers.signIn(dto.email, dto.password, req.ip);
  }

  @Public()
  @Post('viewers/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask for a password link by mail (sent only when the address has an account; the answer is the same either way)',
  })
  @ApiAcceptedResponse({ type: ViewerMailSentView })
  requestPasswordReset(@Body() dto: ViewerPasswordResetDto, @Req() req: Request): Promise<ViewerMailSentView> {
    return this.viewers.requestPasswordReset(dto.email, req.ip);
  }

  @Public()
  @Post('viewers/password')
  @HttpCode(200)
  @ApiOperation({
    summary: "Choose a new password with the mailed link's token (once, within 1 h); revokes older viewer tokens",
  })
  @ApiOkResponse({ type: ViewerPasswordChangedView })
  resetPassword(@Body() dto: ViewerNewPasswordDto): Promise<ViewerPasswordChangedView> {
    return this.viewers.resetPassword(dto.token, dto.password);
  }

  @ViewerSignedIn()
  @Get('me')
  @ApiOperation({ summary: "The signed-in viewer's account and settings" })
  @ApiOkResponse({ type: ViewerMeView })
  me(@CurrentViewer() viewer: ViewerRecord): ViewerMeView {
    return this.viewers.me(viewer);
  }

  @ViewerSignedIn()
  @Patch('me')
  @ApiOperation({ summary: "Change the viewer's name, language, name sharing with creators or history pause" })
  @ApiOkResponse({ type: ViewerMeView })
  update(@CurrentViewer() viewer: ViewerRecord, @Body() dto: ViewerSettingsDto): Promise<ViewerMeView> {
    return this.viewers.update(viewer, dto);
  }

  @ViewerSignedIn()
  @Delete('me')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete the viewer account (the password confirms it): its watch history goes with it, counted views stay anonymous',
  })
  @ApiNoContentResponse()
  delete(@CurrentViewer() viewer: ViewerRecord, @Body() dto: ViewerDeleteDto, @Req() req: Request): Promise<void> {
    return this.viewers.delete(viewer, dto.password, req.ip);
  }
}
