import { Module } from '@nestjs/common';
import { ChatConsumer } from './chat-consumer';
import { ChatRepository } from './chat.repository';

/** Live chat happens on admission's sockets; the control plane stores what was said. */
@Module({
  providers: [ChatRepository, ChatConsumer],
  exports: [ChatRepository],
})
export class ChatModule {}
