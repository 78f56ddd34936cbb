import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import {
  ChatBanDto,
  ChatBanView,
  ChatMessageListQuery,
  ChatMessageStateView,
  ChatMessageView,
  ChatSettingsDto,
  ChatSettingsView,
  ModerationActionView,
  ModerationReasonDto,
} from './chat-moderation.dto';
import { ChatModerationService } from './chat-moderation.service';

/** The console's and presenter's side of live chat: the event's organizer or its account's administrator. */
@ApiTags('chat')
@ApiBearerAuth()
@Controller('api/events/:id/chat')
export class ChatModerationController {
  constructor(private readonly chat: ChatModerationService) {}

  @Get('messages')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "The event's stored chat messages in order, hidden ones flagged" })
  @ApiOkResponse({ type: [ChatMessageView] })
  messages(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Query() query: ChatMessageListQuery,
  ): Promise<ChatMessageView[]> {
    return this.chat.messages(user, id, query.after, query.limit, query.state);
  }

  @Post('messages/:messageId/hide')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "Hide a message from everyone (and from later joiners' history)" })
  @ApiOkResponse({ type: ChatMessageStateView })
  hide(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('messageId') messageId: string,
    @Body() dto: ModerationReasonDto,
  ): Promise<ChatMessageStateView> {
    return this.chat.hide(user, id, messageId, dto.reason);
  }

  @Post('messages/:messageId/restore')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Show a hidden message again' })
  @ApiOkResponse({ type: ChatMessageStateView })
  restore(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('messageId') messageId: string,
    @Body() dto: ModerationReasonDto,
  ): Promise<ChatMessageStateView> {
    return this.chat.restore(user, id, messageId, dto.reason);
  }

  @Post('messages/:messageId/approve')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Let a message the word filter held reach the room (409 when it is not held)' })
  @ApiOkResponse({ type: ChatMessageStateView })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('messageId') messageId: string,
    @Body() dto: ModerationReasonDto,
  ): Promise<ChatMessageStateView> {
    return this.chat.approve(user, id, messageId, dto.reason);
  }

  @Post('messages/:messageId/reject')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Keep a held message from the room for good (409 when it is not held)' })
  @ApiOkResponse({ type: ChatMessageStateView })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('messageId') messageId: string,
    @Body() dto: ModerationReasonDto,
  ): Promise<ChatMessageStateView> {
    return this.chat.reject(user, id, messageId, dto.reason);
  }

  @Post('bans')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Time a registrant out of the chat (minutes) or ban them (no minutes); their seat stays' })
  @ApiOkResponse({ type: ChatBanView })
  ban(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Body() dto: ChatBanDto,
  ): Promise<ChatBanView> {
    return this.chat.ban(user, id, dto);
  }

  @Delete('bans/:registrationId')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "Lift a registrant's ban or timeout" })
  @ApiOkResponse({ type: ChatBanView })
  lift(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Param('registrationId', new IdParam('registration', 'registrationId')) registrationId: string,
  ): Promise<ChatBanView> {
    return this.chat.lift(user, id, registrationId);
  }

  @Get('settings')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Slow mode and pause of the chat' })
  @ApiOkResponse({ type: ChatSettingsView })
  settings(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<ChatSettingsView> {
    return this.chat.settings(user, id);
  }

  @Put('settings')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Set slow mode (0 = off), pause and links; every attendee is told' })
  @ApiOkResponse({ type: ChatSettingsView })
  setSettings(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Body() dto: ChatSettingsDto,
  ): Promise<ChatSettingsView> {
    return this.chat.setSettings(user, id, dto);
  }

  @Get('moderation')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "The chat's moderation log, newest first" })
  @ApiOkResponse({ type: [ModerationActionView] })
  moderation(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
  ): Promise<ModerationActionView[]> {
    return this.chat.actions(user, id);
  }
}
