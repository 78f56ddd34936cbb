import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { EventsService } from '../events/events.service';
import { IdParam } from '../http/id-param.pipe';
import { ChatRepository } from './chat.repository';
import { chatTranscriptCsv, questionsCsv } from './engagement-csv';
import { QaRepository } from './qa.repository';

/** The event's chat and Q&A as stored, for the report: the organizer's and their administrator's (else 404). */
@ApiTags('chat')
@ApiBearerAuth()
@Controller('api/events/:id')
export class EngagementExportController {
  constructor(
    private readonly events: EventsService,
    private readonly chat: ChatRepository,
    private readonly questions: QaRepository,
  ) {}

  @Get('chat/transcript.csv')
  @Roles('admin', 'organizer')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The chat transcript as CSV: every message in order, hidden and held ones flagged' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header line', schema: { type: 'string' } })
  async transcript(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<string> {
    await this.events.getFor(user, id);
    return chatTranscriptCsv(await this.chat.ofEvent(id));
  }

  @Get('questions.csv')
  @Roles('admin', 'organizer')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Every question as CSV: who asked (also when anonymous to the room), votes, outcome' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header line', schema: { type: 'string' } })
  async questionList(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<string> {
    await this.events.getFor(user, id);
    return questionsCsv(await this.questions.ofEvent(id));
  }
}
