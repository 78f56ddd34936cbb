import { Module } from '@nestjs/common';
import { ChatConsumer } from './chat-consumer';
import { ChatModerationController } from './chat-moderation.controller';
import { ChatModerationRepository } from './chat-moderation.repository';
import { ChatModerationService } from './chat-moderation.service';
import { ChatNames } from './chat-names';
import { ChatRepository } from './chat.repository';
import { EngagementExportController } from './engagement-export.controller';
import { PollsController } from './polls.controller';
import { PollsRepository } from './polls.repository';
import { PollsService } from './polls.service';
import { QaController } from './qa.controller';
import { QaRepository } from './qa.repository';
import { QaService } from './qa.service';

/** Live chat happens on admission's sockets; the control plane stores what was said and moderates it. */
@Module({
  controllers: [ChatModerationController, QaController, PollsController, EngagementExportController],
  providers: [
    ChatRepository,
    QaRepository,
    QaService,
    PollsRepository,
    PollsService,
    ChatConsumer,
    ChatNames,
    ChatModerationRepository,
    ChatModerationService,
  ],
  exports: [ChatRepository, ChatNames, QaRepository],
})
export class ChatModule {}
