import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#domain';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import {
  QA_OPERATIONS,
  QaDecisionDto,
  QaListQuery,
  QaOperationName,
  QaSettingsDto,
  QaSettingsView,
  QuestionView,
} from './qa.dto';
import { QaService } from './qa.service';

/** An unknown operation is an unknown route: 404, with the ones there are. */
// eslint-disable-next-line no-useless-assignment -- used in a parameter decorator below, which the rule does not see
const operationPipe = () =>
  new ParseEnumPipe(Object.fromEntries(QA_OPERATIONS.map((o) => [o, o])), {
    exceptionFactory: () =>
      new DomainError('not_found', `no such operation on a question; one of ${QA_OPERATIONS.join(', ')}`, 'operation'),
  });

@ApiTags('chat')
@ApiBearerAuth()
@Controller('api/events/:id/questions')
export class QaController {
  constructor(private readonly qa: QaService) {}

  @Get()
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary: "The event's questions, pending and dismissed included: pinned first, then by votes or time",
  })
  @ApiOkResponse({ type: [QuestionView] })
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Query() query: QaListQuery,
  ): Promise<QuestionView[]> {
    return this.qa.list(user, id, query.sort);
  }

  @Get('settings')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Whether new questions wait for approval' })
  @ApiOkResponse({ type: QaSettingsView })
  settings(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<QaSettingsView> {
    return this.qa.settings(user, id);
  }

  @Put('settings')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Make new questions wait for approval, or not' })
  @ApiOkResponse({ type: QaSettingsView })
  setSettings(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Body() dto: QaSettingsDto,
  ): Promise<QaSettingsView> {
    return this.qa.setSettings(user, id, dto.approvalRequired);
  }

  @Post(':questionId/:operation')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiParam({ name: 'operation', enum: QA_OPERATIONS })
  @ApiOperation({
    summary:
      'Approve, answer (text), mark answered live, pin, unpin, dismiss or reopen a question; every attendee is told',
  })
  @ApiOkResponse({ type: QuestionView })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('questionId') questionId: string,
    @Param('operation', operationPipe()) operation: QaOperationName,
    @Body() dto: QaDecisionDto,
  ): Promise<QuestionView> {
    return this.qa.decide(user, id, questionId, operation, dto.text);
  }
}
