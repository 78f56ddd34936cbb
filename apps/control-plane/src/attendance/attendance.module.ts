import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module';
import { AttendanceConsumer } from './attendance-consumer';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceReportService } from './attendance-report.service';

@Module({
  imports: [RegistrationsModule],
  controllers: [AttendanceController],
  providers: [AttendanceRepository, AttendanceConsumer, AttendanceReportService],
})
export class AttendanceModule {}
