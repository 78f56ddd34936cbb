import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import { LoginResultView, MeView } from './auth-views';
import { CurrentUser } from './current-user.decorator';
import { LoginDto } from './login.dto';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import type { SignedInUser } from './auth-user';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email + password; returns a JWT access token (rate-limited per address and email)',
  })
  @ApiOkResponse({ type: LoginResultView })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<LoginResultView> {
    return this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth()
  @Roles('admin', 'organizer', 'operator')
  @ApiOperation({ summary: 'The signed-in user, with the name of their account (null for the platform operator)' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() user: SignedInUser): Promise<MeView> {
    return this.auth.me(user);
  }
}
