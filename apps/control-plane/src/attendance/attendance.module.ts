import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SeatLedger } from '#seat-ledger';
import type { ControlPlaneConfig } from '../config';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';
import { RegistrationsModule } from '../registrations/registrations.module';
import { AttendanceConsumer } from './attendance-consumer';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceReportService } from './attendance-report.service';
import { AttendanceSeriesService } from './attendance-series.service';
import { CapacityController } from './capacity.controller';
import { CAPACITY_LEDGER, EventCapacityService } from './event-capacity.service';

@Module({
  imports: [RegistrationsModule],
  controllers: [AttendanceController, CapacityController],
  providers: [
    AttendanceRepository,
    AttendanceConsumer,
    AttendanceReportService,
    AttendanceSeriesService,
    EventCapacityService,
    {
      provide: CAPACITY_LEDGER,
      // The control plane only reads the ledger (its status script); leases matter to admission's writes alone.
      useFactory: (redis: Redis, config: ControlPlaneConfig) =>
        new SeatLedger(redis, config.REDIS_PREFIX, { leaseMs: 1 }),
      inject: [REDIS, CONFIG],
    },
  ],
  // The webhooks' "report ready" message carries the report's headline figures.
  exports: [AttendanceReportService],
})
export class AttendanceModule {}
