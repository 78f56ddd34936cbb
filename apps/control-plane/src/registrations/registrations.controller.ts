import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../auth';
import { toPublicEventView } from '../events/event-view';
import { IdParam } from '../http/id-param.pipe';
import { SlugParam } from '../http/slug-param.pipe';
import { RegisterDto } from './registration.dto';
import { RegistrationsService } from './registrations.service';

@ApiTags('registration')
@Controller('api')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Public()
  @Get('public/events/:slug')
  @ApiOperation({ summary: 'The event behind a public registration link (title, time, mode, state)' })
  async publicEvent(@Param('slug', SlugParam) slug: string) {
    return toPublicEventView(await this.registrations.publicEvent(slug));
  }

  @Public()
  @Post('public/events/:slug/registrations')
  @ApiOperation({
    summary: 'Register with name + email; returns the personal join link (the same one when registering twice)',
  })
  register(@Param('slug', SlugParam) slug: string, @Body() dto: RegisterDto) {
    return this.registrations.register(slug, dto.name, dto.email);
  }

  @Get('events/:id/registrations')
  @ApiBearerAuth()
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary: "Who registered for an event (the organizer's own events; all of the account for an administrator)",
  })
  async list(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string) {
    return (await this.registrations.list(user, id)).map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
