import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth';
import { IdParam } from '../http/id-param.pipe';
import { attendeesCsv, invoiceCsv } from './attendance-csv';
import { AttendanceReportService } from './attendance-report.service';
import { AttendanceSeriesService } from './attendance-series.service';
import { AttendanceReportView, AttendanceSeriesView } from './attendance-views';
import { SeriesQuery } from './attendance.dto';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api/events/:id/attendance')
export class AttendanceController {
  constructor(
    private readonly reports: AttendanceReportService,
    private readonly series: AttendanceSeriesService,
  ) {}

  @Get()
  @Roles('organizer')
  @ApiOperation({
    summary:
      'Attendance report of your event: registrants, unique attendees, peak, buffer used, overage and its fee, per attendee sessions',
  })
  @ApiOkResponse({ type: AttendanceReportView })
  report(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<AttendanceReportView> {
    return this.reports.report(user, id);
  }

  @Get('series')
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary:
      'Concurrent attendees over the whole event (actual start → end, or now while live) in at most `points` buckets, with joins, leaves, the terms and the peak',
  })
  @ApiOkResponse({ type: AttendanceSeriesView })
  seriesOf(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdParam('event')) id: string,
    @Query() query: SeriesQuery,
  ): Promise<AttendanceSeriesView> {
    return this.series.series(user, id, query.points ?? 600);
  }

  @Get('attendees.csv')
  @Roles('organizer')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Attendees of your event as CSV (one line per seat session)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header line', schema: { type: 'string' } })
  async attendees(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<string> {
    return attendeesCsv(await this.reports.report(user, id));
  }

  @Get('invoice.csv')
  @Roles('organizer')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The overage invoice line of your event as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header line', schema: { type: 'string' } })
  async invoice(@CurrentUser() user: AuthUser, @Param('id', new IdParam('event')) id: string): Promise<string> {
    return invoiceCsv(await this.reports.report(user, id));
  }
}
