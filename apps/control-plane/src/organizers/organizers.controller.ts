import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { CreateOrganizerDto, ReassignSeatDto } from './organizer.dto';
import { toOrganizerView } from './organizer-view';
import { OrganizersService } from './organizers.service';

@ApiTags('organizers')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/organizers')
export class OrganizersController {
  constructor(private readonly organizers: OrganizersService) {}

  @Get()
  @ApiOperation({ summary: "The account's named organizers (active and deactivated)" })
  async list(@CurrentUser() admin: AuthUser) {
    return (await this.organizers.list(admin)).map(toOrganizerView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organizer of the account' })
  async get(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('organizer')) id: string) {
    return toOrganizerView(await this.organizers.get(admin, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Create a named organizer on a seat of an order (409 when the seats are taken or the email exists)',
  })
  async create(@CurrentUser() admin: AuthUser, @Body() dto: CreateOrganizerDto) {
    return toOrganizerView(await this.organizers.create(admin, dto));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an organizer: frees the seat, their tokens stop working at once' })
  async deactivate(@CurrentUser() admin: AuthUser, @Param('id', new IdParam('organizer')) id: string) {
    return toOrganizerView(await this.organizers.deactivate(admin, id));
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({
    summary: "Hand the organizer's seat to another person; the old organizer loses access, scheduled events move over",
  })
  async reassign(
    @CurrentUser() admin: AuthUser,
    @Param('id', new IdParam('organizer')) id: string,
    @Body() dto: ReassignSeatDto,
  ) {
    const r = await this.organizers.reassign(admin, id, dto);
    return {
      previous: toOrganizerView(r.previous),
      organizer: toOrganizerView(r.organizer),
      movedEvents: r.movedEvents,
    };
  }
}
