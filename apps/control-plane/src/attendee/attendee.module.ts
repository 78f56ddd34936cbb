import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { MediaModule } from '../media/media.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { AttendeePagesController } from './attendee-pages.controller';
import { JoinInfoController } from './join-info.controller';
import { JoinInfoService } from './join-info.service';

// The attendee side of the web: `/`, the join page behind a registrant's link, and the join info it loads.
@Module({
  imports: [LiveModule, MediaModule, RegistrationsModule],
  controllers: [AttendeePagesController, JoinInfoController],
  providers: [JoinInfoService],
})
export class AttendeeModule {}
