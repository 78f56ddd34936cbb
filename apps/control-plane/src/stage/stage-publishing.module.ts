import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { StagePublicController, StagePublishingController } from './stage-publishing.controller';
import { StagePublishingRepository } from './stage-publishing.repository';
import { StagePublishingService } from './stage-publishing.service';

// Stage publishing: an account's channel, the videos its organizers publish there, and what the public reads of them.
@Module({
  imports: [MediaModule],
  controllers: [StagePublishingController, StagePublicController],
  providers: [StagePublishingRepository, StagePublishingService],
})
export class StagePublishingModule {}
