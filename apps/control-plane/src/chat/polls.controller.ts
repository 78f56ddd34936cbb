import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { CreatePollDto, PollView, UpdatePollDto } from './polls.dto';
import { PollsService } from './polls.service';

/** Live polls of an event: prepared as drafts or created live by its organizer or its account's administrator. */
@ApiTags('chat')
@ApiBearerAuth()
@Controller('api/events/:id/polls')
export class PollsController {
  constructor(private readonly polls: PollsService) {}

  @Get()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "The event's polls with their stored votes, and the live counts of the open ones" })
  @ApiOkResponse({ type: [PollView] })
  list(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<PollView[]> {
    return this.polls.list(user, id);
  }

  @Post()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Prepare a poll (a draft: attendees see it once it is opened)' })
  @ApiCreatedResponse({ type: PollView })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Body() dto: CreatePollDto,
  ): Promise<PollView> {
    return this.polls.create(user, id, dto);
  }

  @Patch(':pollId')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Edit a draft poll' })
  @ApiOkResponse({ type: PollView })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('pollId', new IdParam('poll', 'pollId')) pollId: string,
    @Body() dto: UpdatePollDto,
  ): Promise<PollView> {
    return this.polls.update(user, id, pollId, dto);
  }

  @Delete(':pollId')
  @HttpCode(204)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Delete a draft poll' })
  @ApiNoContentResponse({ description: 'deleted' })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('pollId', new IdParam('poll', 'pollId')) pollId: string,
  ): Promise<void> {
    return this.polls.remove(user, id, pollId);
  }

  @Post(':pollId/open')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Open a draft poll for votes; every seated attendee is told' })
  @ApiOkResponse({ type: PollView })
  open(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('pollId', new IdParam('poll', 'pollId')) pollId: string,
  ): Promise<PollView> {
    return this.polls.open(user, id, pollId);
  }

  @Post(':pollId/close')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Close an open poll: no more votes; every seated attendee gets the final counts' })
  @ApiOkResponse({ type: PollView })
  close(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('pollId', new IdParam('poll', 'pollId')) pollId: string,
  ): Promise<PollView> {
    return this.polls.close(user, id, pollId);
  }
}
