import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { attendeesCsv, invoiceCsv } from './attendance-csv';
import { AttendanceReportService } from './attendance-report.service';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api/events/:id/attendance')
export class AttendanceController {
  constructor(private readonly reports: AttendanceReportService) {}

  @Get()
  @Roles('organizer')
  @ApiOperation({
    summary:
      'Attendance report of your event: registrants, unique attendees, peak, buffer used, overage and its fee, per attendee sessions',
  })
  report(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string) {
    return this.reports.report(user, id);
  }

  @Get('attendees.csv')
  @Roles('organizer')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Attendees of your event as CSV (one line per seat session)' })
  async attendees(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string) {
    return attendeesCsv(await this.reports.report(user, id));
  }

  @Get('invoice.csv')
  @Roles('organizer')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The overage invoice line of your event as CSV' })
  async invoice(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string) {
    return invoiceCsv(await this.reports.report(user, id));
  }
}
