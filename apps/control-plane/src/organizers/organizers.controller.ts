import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { CreateOrganizerDto, ReassignSeatDto } from './organizer.dto';
import { OrganizerView, SeatReassignmentView, toOrganizerView } from './organizer-view';
import { OrganizersService } from './organizers.service';

@ApiTags('organizers')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/organizers')
export class OrganizersController {
  constructor(private readonly organizers: OrganizersService) {}

  @Get()
  @ApiOperation({ summary: "The account's named organizers (active and deactivated)" })
  @ApiOkResponse({ type: [OrganizerView] })
  async list(@CurrentUser() admin: AuthUser): Promise<OrganizerView[]> {
    return (await this.organizers.list(admin)).map(toOrganizerView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organizer of the account' })
  @ApiOkResponse({ type: OrganizerView })
  async get(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('organizer')) id: string): Promise<OrganizerView> {
    return toOrganizerView(await this.organizers.get(admin, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Create a named organizer on a seat of an order (409 when the seats are taken or the email exists)',
  })
  @ApiCreatedResponse({ type: OrganizerView })
  async create(@CurrentUser() admin: AuthUser, @Body() dto: CreateOrganizerDto): Promise<OrganizerView> {
    return toOrganizerView(await this.organizers.create(admin, dto));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an organizer: frees the seat, their tokens stop working at once' })
  @ApiOkResponse({ type: OrganizerView })
  async deactivate(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('organizer')) id: string,
  ): Promise<OrganizerView> {
    return toOrganizerView(await this.organizers.deactivate(admin, id));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Reactivate an organizer on a seat of their order (409 when every seat is in use); they sign in again with their password',
  })
  @ApiOkResponse({ type: OrganizerView })
  async reactivate(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('organizer')) id: string,
  ): Promise<OrganizerView> {
    return toOrganizerView(await this.organizers.reactivate(admin, id));
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({
    summary: "Hand the organizer's seat to another person; the old organizer loses access, scheduled events move over",
  })
  @ApiOkResponse({ type: SeatReassignmentView })
  async reassign(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('organizer')) id: string,
    @Body() dto: ReassignSeatDto,
  ): Promise<SeatReassignmentView> {
    const r = await this.organizers.reassign(admin, id, dto);
    return {
      previous: toOrganizerView(r.previous),
      organizer: toOrganizerView(r.organizer),
      movedEvents: r.movedEvents,
    };
  }
}
