import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '#domain';
import { AuthUser, CurrentUser, Public, Roles } from '../auth';
import { PublicEventView, toPublicEventView } from '../events/event-view';
import { IdParam } from '../http/id-param.pipe';
import { SlugParam } from '../http/slug-param.pipe';
import { AddRegistrantDto, RegisterDto, RegistrationAcceptedView, RegistrationListQuery } from './registration.dto';
import { RegistrantImportView, RegistrantLinkView, RegistrantPageView } from './registration-views';
import { RegistrantWithLink, RegistrationsService } from './registrations.service';

const withLink = (r: RegistrantWithLink): RegistrantLinkView => ({
  id: r.registration.id,
  name: r.registration.name,
  email: r.registration.email,
  language: r.registration.language,
  createdAt: r.registration.createdAt.toISOString(),
  alreadyRegistered: r.alreadyRegistered,
  joinUrl: r.joinUrl,
  joinToken: r.joinToken,
});

@ApiTags('registration')
@Controller('api')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Public()
  @Get('public/events/:slug')
  @ApiOperation({
    summary: "The event behind a public registration link (title, time, time zone, mode, state, organizer's name)",
  })
  @ApiOkResponse({ type: PublicEventView })
  async publicEvent(@Param('slug', SlugParam) slug: string): Promise<PublicEventView> {
    const { event, organizerName } = await this.registrations.publicEventWithOrganizer(slug);
    return toPublicEventView(event, organizerName);
  }

  @Public()
  @Post('public/events/:slug/registrations')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RegistrationAcceptedView })
  @ApiOperation({
    summary:
      'Register with name + email: the join link and a calendar invitation go to that address (again, when it was registered already); the answer is the same either way and never holds the link. Limited per address and per IP (429 with Retry-After).',
  })
  register(
    @Param('slug', SlugParam) slug: string,
    @Body() dto: RegisterDto,
    @Req() req: Request,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<RegistrationAcceptedView> {
    return this.registrations.register(slug, dto, { ip: req.ip, acceptLanguage });
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

  @Post('events/:id/registrations')
  @ApiBearerAuth()
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary:
      'Add a registrant yourself; returns their join link (the same one when already registered) and mails it unless sendInvitation is false',
  })
  @ApiCreatedResponse({ type: RegistrantLinkView })
  async add(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Body() dto: AddRegistrantDto,
  ) {
    return withLink(await this.registrations.add(user, id, dto));
  }

  @Post('events/:id/registrations/import')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('admin', 'organizer')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'name,email,language\nAlan Turing,alan@example.org,en\n' } })
  @ApiQuery({ name: 'sendInvitations', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary:
      'Import registrants from CSV (header name,email[,language]); each gets the join link by mail unless sendInvitations=false. Bad rows come back by line.',
  })
  @ApiOkResponse({ type: RegistrantImportView })
  async importCsv(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Body() body: unknown,
    @Query('sendInvitations') sendInvitations?: string,
  ): Promise<RegistrantImportView> {
    if (typeof body !== 'string') {
      throw new DomainError('invalid', 'send the registrants as text/csv (header name,email[,language])', 'body');
    }
    if (sendInvitations !== undefined && sendInvitations !== 'true' && sendInvitations !== 'false') {
      throw new DomainError('invalid', 'sendInvitations must be true or false', 'sendInvitations');
    }
    const r = await this.registrations.importCsv(user, id, body, sendInvitations !== 'false');
    return { imported: r.imported.map(withLink), problems: r.problems };
  }

  @Get('events/:id/registrations/:registrationId')
  @ApiBearerAuth()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'One registrant with their personal join link' })
  @ApiOkResponse({ type: RegistrantLinkView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('registrationId', new IdParam('registrant', 'registrationId')) registrationId: string,
  ) {
    return withLink(await this.registrations.getWithLink(user, id, registrationId));
  }
}
