import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { StageSearchRepository } from './stage-search.repository';
import { StageViewingController } from './stage-viewing.controller';
import { StageViewingService } from './stage-viewing.service';
import { StageWatchRepository } from './stage-watch.repository';
import { ViewerAccountsModule } from './viewer-accounts.module';

// What Stage viewers do (DESIGN.md section 9): search, play, resume, and the history they control. The viewer guard
// comes from ViewerAccountsModule; the media bucket and the video access reads from MediaModule (the key server's).
@Module({
  imports: [MediaModule, ViewerAccountsModule],
  controllers: [StageViewingController],
  providers: [StageSearchRepository, StageWatchRepository, StageViewingService],
})
export class StageViewingModule {}
