import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { IdParam } from '../http/id-param.pipe';
import { publicBaseUrl } from '../http/public-base-url';
import { CONFIG } from '../infrastructure/di-tokens';
import { CreateEventDto, EventListQuery, UpdateEventDto } from './event.dto';
import { EventView, toEventView } from './event-view';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  private view =
    (user: AuthUser) =>
    (e: Parameters<typeof toEventView>[0]): EventView =>
      toEventView(e, user, publicBaseUrl(this.config));

  @Post()
  @Roles('organizer')
  @ApiOperation({ summary: "Schedule a webcast (≤ 8 h, no overlap with your other events, limit ≤ the order's)" })
  @ApiCreatedResponse({ type: EventView })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateEventDto): Promise<EventView> {
    return this.view(user)(await this.events.create(user, dto));
  }

  @Get()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Events of the account (administrator) or your own (organizer)' })
  @ApiOkResponse({ type: [EventView] })
  async list(@CurrentUser() user: AuthUser, @Query() query: EventListQuery): Promise<EventView[]> {
    return (await this.events.list(user, query)).map(this.view(user));
  }

  @Get(':id')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'One event; the stream key is shown only to its organizer' })
  @ApiOkResponse({ type: EventView })
  async get(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<EventView> {
    return this.view(user)(await this.events.getFor(user, id));
  }

  @Patch(':id')
  @Roles('organizer')
  @ApiOperation({ summary: 'Edit a scheduled event (same rules as scheduling)' })
  @ApiOkResponse({ type: EventView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Body() dto: UpdateEventDto,
  ): Promise<EventView> {
    return this.view(user)(await this.events.update(user, id, dto));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Cancel a scheduled event (frees its slot)' })
  @ApiOkResponse({ type: EventView })
  async cancel(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<EventView> {
    return this.view(user)(await this.events.cancel(user, id));
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: 'Open your on-demand event to attendees (needs a ready video attached to it)' })
  @ApiOkResponse({ type: EventView })
  async start(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<EventView> {
    return this.view(user)(await this.events.startOnDemand(user, id));
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: 'End your live (or opened on-demand) event' })
  @ApiOkResponse({ type: EventView })
  async end(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<EventView> {
    return this.view(user)(await this.events.end(user, id));
  }

  @Post(':id/stream-key')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: 'Rotate the stream key; the old one stops working' })
  @ApiOkResponse({ type: EventView })
  async rotateStreamKey(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
  ): Promise<EventView> {
    return this.view(user)(await this.events.rotateStreamKey(user, id));
  }
}
