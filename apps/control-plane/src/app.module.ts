import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AttendanceModule } from './attendance/attendance.module';
import { AttendeeModule } from './attendee/attendee.module';
import { AuthModule } from './auth/auth.module';
import { ChatModule } from './chat/chat.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MailModule } from './mail/mail.module';
import { MediaModule } from './media/media.module';
import { OperatorModule } from './operator/operator.module';
import { OrdersModule } from './orders/orders.module';
import { OrganizersModule } from './organizers/organizers.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { StagePublishingModule } from './stage/stage-publishing.module';
import { StageViewingModule } from './stage/stage-viewing.module';
import { ViewerAccountsModule } from './stage/viewer-accounts.module';
import { UsageModule } from './usage/usage.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WebAppModule } from './web-app/web-app.module';

// The feature modules of the control plane. Database, Redis and config come from InfrastructureModule, which
// createControlPlane puts next to this module. Each part adds its module here with one line.
@Module({
  imports: [
    AccountsModule,
    ApiKeysModule,
    AttendanceModule,
    AttendeeModule,
    AuthModule,
    ChatModule,
    HealthModule,
    LiveModule,
    MailModule,
    EventsModule,
    MediaModule,
    OperatorModule,
    OrdersModule,
    OrganizersModule,
    RegistrationsModule,
    StagePublishingModule,
    StageViewingModule,
    UsageModule,
    ViewerAccountsModule,
    WebhooksModule,
    // Last: its catch-all route serves the web app for whatever no route above answers.
    WebAppModule,
  ],
})
export class AppModule {}
