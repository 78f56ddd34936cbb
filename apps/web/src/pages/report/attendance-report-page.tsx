import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { downloadFile } from '../../api/client';
import type { EventView } from '../../api/console-types';
import { eventQuery } from '../../api/queries';
import { CapacityGauge } from '../../capacity/capacity-gauge';
import { useCapacity } from '../../capacity/use-capacity';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { EventStateBadge } from '../../components/event-state-badge';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import { AttendeesTable } from './attendees-table';
import { attendanceReportQuery, type AttendanceReport } from './report-queries';

// The chart is its own chunk: the report's figures show while it loads.
const AttendanceChart = lazy(() => import('./attendance-chart'));

export default function AttendanceReportPage() {
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const event = useQuery(eventQuery(eventId));
  return (
    <QueryState query={event} notFound={t('report.notFound')}>
      {(e) => <Report event={e} />}
    </QueryState>
  );
}

function Report({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const live = e.state === 'live';
  const timeZone = (e as EventView & { timeZone?: string }).timeZone ?? 'UTC';
  const report = useQuery(attendanceReportQuery(e.id, live));
  const [downloadError, setDownloadError] = useState<unknown>(null);
  // Only the organizer reads the report; an administrator still sees the chart and the live seats.
  const notTheOrganizer = isApiError(report.error) && report.error.status === 403;

  const download = async (file: 'attendance/attendees' | 'attendance/invoice' | 'chat/transcript' | 'questions') => {
    setDownloadError(null);
    try {
      await downloadFile(
        `/api/events/${encodeURIComponent(e.id)}/${file}.csv`,
        `${file.split('/').at(-1)}-${e.publicSlug}.csv`,
      );
    } catch (err) {
      setDownloadError(err);
    }
  };

  return (
    <>
      <PageHeading
        title={t('report.title', { title: e.title })}
        description={
          <Group gap="xs" component="span">
            <EventStateBadge state={e.state} />
            <Link to={`/events/${e.id}`}>{t('report.backToEvent')}</Link>
          </Group>
        }
        actions={
          report.data ? (
            <>
              <Button variant="default" onClick={() => void download('attendance/attendees')}>
                {t('report.downloadAttendees')}
              </Button>
              <Button variant="default" onClick={() => void download('attendance/invoice')}>
                {t('report.downloadInvoice')}
              </Button>
              {e.mode === 'live' ? (
                <>
                  <Button variant="default" onClick={() => void download('chat/transcript')}>
                    {t('report.downloadChat')}
                  </Button>
                  <Button variant="default" onClick={() => void download('questions')}>
                    {t('report.downloadQuestions')}
                  </Button>
                </>
              ) : null}
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        {downloadError ? <ApiErrorAlert error={downloadError} /> : null}
        {live ? <LiveSeats eventId={e.id} /> : null}
        {report.isPending ? <Loading /> : null}
        {notTheOrganizer ? (
          <Alert color="blue" variant="light">
            {t('report.adminOnly')}
          </Alert>
        ) : report.error ? (
          <ApiErrorAlert error={report.error} />
        ) : null}
        {report.data ? <HeadlineFigures report={report.data} /> : null}
        <Card withBorder component="section" aria-labelledby="chart-heading">
          <Title order={2} size="h4" id="chart-heading" mb="sm">
            {t('report.chart.title')}
          </Title>
          <Suspense fallback={<Loading />}>
            <AttendanceChart eventId={e.id} live={live} timeZone={timeZone} />
          </Suspense>
        </Card>
        {report.data ? <AttendeesTable report={report.data} timeZone={timeZone} /> : null}
      </Stack>
    </>
  );
}

function LiveSeats({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const capacity = useCapacity(eventId, true);
  return (
    <Card withBorder component="section" aria-labelledby="live-heading">
      <Title order={2} size="h4" id="live-heading">
        {t('report.live')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('report.liveHelp')}
      </Text>
      {capacity.data ? (
        <CapacityGauge {...capacity.data} />
      ) : capacity.error ? (
        <ApiErrorAlert error={capacity.error} />
      ) : (
        <Loading />
      )}
    </Card>
  );
}

function HeadlineFigures({ report: r }: { report: AttendanceReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const figures: { label: string; value: string }[] = [
    { label: t('report.registrants'), value: f.number(r.registrants) },
    { label: t('report.uniqueAttendees'), value: f.number(r.uniqueAttendees) },
    { label: t('report.peakConcurrent'), value: f.number(r.peakConcurrent) },
    {
      label: t('report.bufferUsed'),
      value: t('report.bufferUsedValue', { used: f.number(r.bufferUsed), buffer: f.number(r.bufferSeats) }),
    },
    { label: t('report.peakOverage'), value: f.number(r.peakOverage) },
    { label: t('report.fee'), value: f.money(r.overageFeeCents) },
  ];
  const numbers = {
    peak: f.number(r.peakConcurrent),
    limit: f.number(r.attendeeLimit),
    buffer: f.number(r.bufferSeats),
    rate: f.money(r.overageRateCents),
    overage: f.number(r.peakOverage),
    fee: f.money(r.overageFeeCents),
  };
  return (
    <Card withBorder component="section" aria-labelledby="figures-heading">
      <Title order={2} size="h4" id="figures-heading" mb="sm">
        {t('report.figures')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} component="dl" className="report-figures" spacing="md">
        {figures.map((x) => (
          <div key={x.label}>
            <Text component="dt" size="sm" c="dimmed">
              {x.label}
            </Text>
            <Text component="dd" fw={700} size="xl" m={0}>
              {x.value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Title order={3} size="h5" mt="md">
        {t('report.formulaTitle')}
      </Title>
      <Text>{t('report.formula')}</Text>
      <Text fw={600} data-testid="fee-formula">
        {r.peakOverage > 0 ? t('report.formulaNumbers', numbers) : t('report.formulaNone', numbers)}
      </Text>
    </Card>
  );
}
