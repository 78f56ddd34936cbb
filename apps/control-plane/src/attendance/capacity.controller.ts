import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { EventCapacityView } from './attendance-views';
import { EventCapacityService } from './event-capacity.service';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api/events')
export class CapacityController {
  constructor(private readonly capacity: EventCapacityService) {}

  @Get(':id/capacity')
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary:
      'Seats in use now from the admission ledger: viewers, waiting, included / buffer / overage against the terms (zeros when not live)',
  })
  @ApiOkResponse({ type: EventCapacityView })
  get(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<EventCapacityView> {
    return this.capacity.capacity(user, id);
  }
}
