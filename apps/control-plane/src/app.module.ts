import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';

// The feature modules of the control plane. Database, Redis and config come from InfrastructureModule, which
// createControlPlane puts next to this module. Each part adds its module here with one line.
@Module({
  imports: [
    AccountsModule,
    AuthModule,
    HealthModule,
    EventsModule,
  ],
})
export class AppModule {}
