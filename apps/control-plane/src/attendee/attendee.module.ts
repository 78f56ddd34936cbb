import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { MediaModule } from '../media/media.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { JoinInfoController } from './join-info.controller';
import { JoinInfoService } from './join-info.service';

// The attendee side of the API: the join info the web app's join page (`/join/:token`) loads behind a registrant's link.
@Module({
  imports: [LiveModule, MediaModule, RegistrationsModule],
  controllers: [JoinInfoController],
  providers: [JoinInfoService],
})
export class AttendeeModule {}
