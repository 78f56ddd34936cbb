import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { LiveController } from './live.controller';
import { LiveInternalController } from './live-internal.controller';
import { LiveQueueEvents } from './live-queue-events';
import { LiveStreamsRepository } from './live-streams.repository';
import { LiveService } from './live.service';

// Live webcasts: ingest's internal API (authorize, go-live, end, health), presenter data, the cap sweeper, and the
// hand-over of finished recordings to the media part.
@Module({
  imports: [MediaModule],
  controllers: [LiveController, LiveInternalController],
  providers: [LiveService, LiveStreamsRepository, LiveQueueEvents],
  exports: [LiveService],
})
export class LiveModule {}
