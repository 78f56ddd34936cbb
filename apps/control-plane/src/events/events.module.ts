import { Global, Module } from '@nestjs/common';
import { EventAssetsRepository } from './event-assets.repository';
import { EventLifecycle } from './event-lifecycle';
import { EventSnapshotWriter } from './event-snapshot-writer';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { SimuliveScheduler } from './simulive-scheduler';

// Global so the live, media and attendance modules can inject EventsService and EventLifecycle directly.
@Global()
@Module({
  controllers: [EventsController],
  providers: [
    EventsRepository,
    EventsService,
    EventLifecycle,
    EventSnapshotWriter,
    EventAssetsRepository,
    SimuliveScheduler,
  ],
  exports: [EventsService, EventLifecycle, EventsRepository, EventSnapshotWriter, EventAssetsRepository],
})
export class EventsModule {}
