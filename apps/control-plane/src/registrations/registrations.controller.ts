import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../auth';
import { PublicEventView, toPublicEventView } from '../events/event-view';
import { IdParam } from '../http/id-param.pipe';
import { SlugParam } from '../http/slug-param.pipe';
import { RegisterDto, RegistrationListQuery } from './registration.dto';
import { JoinLinkView, RegistrantPageView } from './registration-views';
import { RegistrationsService } from './registrations.service';

@ApiTags('registration')
@Controller('api')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Public()
  @Get('public/events/:slug')
  @ApiOperation({ summary: 'The event behind a public registration link (title, time, mode, state)' })
  @ApiOkResponse({ type: PublicEventView })
  async publicEvent(@Param('slug', SlugParam) slug: string): Promise<PublicEventView> {
    return toPublicEventView(await this.registrations.publicEvent(slug));
  }

  @Public()
  @Post('public/events/:slug/registrations')
  @ApiOperation({
    summary: 'Register with name + email; returns the personal join link (the same one when registering twice)',
  })
  @ApiCreatedResponse({ type: JoinLinkView })
  register(@Param('slug', SlugParam) slug: string, @Body() dto: RegisterDto): Promise<JoinLinkView> {
    return this.registrations.register(slug, dto.name, dto.email);
  }

  @Get('events/:id/registrations')
  @ApiBearerAuth()
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary:
      "Who registered for an event, a page at a time, searchable by name or e-mail (the organizer's own events; all of the account for an administrator)",
  })
  @ApiOkResponse({ type: RegistrantPageView })
  page(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Query() query: RegistrationListQuery,
  ): Promise<RegistrantPageView> {
    return this.registrations.page(user, id, query);
  }

  @Get('events/:id/registrations.csv')
  @ApiBearerAuth()
  @Roles('admin', 'organizer')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Every registrant of the event as CSV: id, name, e-mail, registration time, join link' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header line', schema: { type: 'string' } })
  csv(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<string> {
    return this.registrations.csv(user, id);
  }
}
