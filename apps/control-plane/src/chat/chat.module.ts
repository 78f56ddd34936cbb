import { Module } from '@nestjs/common';
import { ChatConsumer } from './chat-consumer';
import { ChatNames } from './chat-names';
import { ChatRepository } from './chat.repository';

/** Live chat happens on admission's sockets; the control plane stores what was said. */
@Module({
  providers: [ChatRepository, ChatConsumer, ChatNames],
  exports: [ChatRepository, ChatNames],
})
export class ChatModule {}
