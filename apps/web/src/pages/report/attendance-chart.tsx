import { Box, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDuration } from '../../format/duration';
import { useFormat } from '../../format/format';
import { chartGeometry, flowBars, pointsForWidth, summaryRows, type ChartBox } from './chart-geometry';
import { attendanceSeriesQuery, type AttendanceSeries } from './report-queries';

// Plain SVG drawn from pre-bucketed figures (one bucket per pixel at most): no chart library, its own chunk of the
// build (the page loads it with React.lazy), and a few paths however long the event.

const MARGIN = { top: 12, right: 16, bottom: 28, left: 64 };
const COLORS = {
  line: 'var(--mantine-color-blue-9)',
  area: 'var(--mantine-color-blue-1)',
  limit: 'var(--mantine-color-blue-8)',
  buffer: 'var(--mantine-color-teal-2)',
  overage: 'var(--mantine-color-orange-1)',
  peak: 'var(--mantine-color-red-9)',
  text: 'var(--mantine-color-gray-8)',
  grid: 'var(--mantine-color-gray-3)',
  joins: 'var(--mantine-color-teal-9)',
  leaves: 'var(--mantine-color-orange-9)',
};

export default function AttendanceChart({
  eventId,
  live,
  timeZone,
}: {
  eventId: string;
  live: boolean;
  timeZone: string;
}) {
  const { ref, width } = useElementSize();
  const points = pointsForWidth(Math.max(0, width - MARGIN.left - MARGIN.right));
  const series = useQuery({ ...attendanceSeriesQuery(eventId, points, live), enabled: width > 0 });
  return (
    <Box ref={ref}>
      {series.error ? <ApiErrorAlert error={series.error} /> : null}
      {series.data && width > 0 ? (
        <Charts series={series.data} width={width} timeZone={timeZone} />
      ) : series.error ? null : (
        <Loading />
      )}
    </Box>
  );
}

function Charts({ series, width, timeZone }: { series: AttendanceSeries; width: number; timeZone: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const box = useMemo<ChartBox>(() => ({ width, height: 280, margin: MARGIN }), [width]);
  const flowBox = useMemo<ChartBox>(() => ({ width, height: 120, margin: { ...MARGIN, top: 8, bottom: 8 } }), [width]);
  const g = useMemo(() => chartGeometry(series, box), [series, box]);
  const flow = useMemo(() => flowBars(series, flowBox), [series, flowBox]);
  const rows = useMemo(() => summaryRows(series, 24), [series]);
  const ceiling = series.limit + series.bufferSeats;
  const time = (ms: number) => f.time(new Date(ms).toISOString(), timeZone);
  const summary =
    series.peak.at === null
      ? t('report.chart.summaryEmpty', { limit: f.number(series.limit), ceiling: f.number(ceiling) })
      : t('report.chart.summary', {
          peak: f.number(series.peak.concurrent),
          at: f.dateTime(series.peak.at, timeZone),
          limit: f.number(series.limit),
          ceiling: f.number(ceiling),
          bucket:
            series.bucketSeconds < 60
              ? t('report.chart.seconds', { count: series.bucketSeconds })
              : formatDuration(t, series.bucketSeconds * 1000),
        });
  const name = t('report.chart.name', { from: f.dateTime(series.from, timeZone), to: f.dateTime(series.to, timeZone) });

  return (
    <Stack gap="md">
      <Text id={`${id}-summary`}>{summary}</Text>
      <Group gap="lg" component="ul" className="chart-legend" role="list" aria-label={t('report.chart.legend')}>
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--line" aria-hidden />
          {t('report.chart.concurrent')}
        </li>
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--limit" aria-hidden />
          {t('report.chart.limit', { limit: f.number(series.limit) })}
        </li>
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--buffer" aria-hidden />
          {t('report.chart.buffer', { from: f.number(series.limit + 1), to: f.number(ceiling) })}
        </li>
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--overage" aria-hidden />
          {t('report.chart.overage', { ceiling: f.number(ceiling) })}
        </li>
        {series.peak.at === null ? null : (
          <li>
            <span className="chart-legend__swatch chart-legend__swatch--peak" aria-hidden />
            {t('report.chart.peak', { peak: f.number(series.peak.concurrent) })}
          </li>
        )}
      </Group>
      <svg
        width={width}
        height={box.height}
        viewBox={`0 0 ${width} ${box.height}`}
        role="img"
        aria-label={name}
        aria-describedby={`${id}-summary`}
        data-testid="attendance-chart"
        style={{ display: 'block', maxWidth: '100%' }}
      >
        <rect
          data-band="overage"
          x={g.plot.left}
          width={g.plot.right - g.plot.left}
          y={g.overageBand.top}
          height={Math.max(0, g.overageBand.bottom - g.overageBand.top)}
          fill={COLORS.overage}
        />
        <rect
          data-band="buffer"
          x={g.plot.left}
          width={g.plot.right - g.plot.left}
          y={g.bufferBand.top}
          height={Math.max(0, g.bufferBand.bottom - g.bufferBand.top)}
          fill={COLORS.buffer}
        />
        {g.yTicks.map((tick) => (
          <g key={tick.value}>
            <line x1={g.plot.left} x2={g.plot.right} y1={tick.y} y2={tick.y} stroke={COLORS.grid} strokeWidth={1} />
            <text x={g.plot.left - 6} y={tick.y} dy="0.32em" textAnchor="end" fontSize={12} fill={COLORS.text}>
              {f.number(tick.value)}
            </text>
          </g>
        ))}
        {g.xTicks.map((tick) => (
          <text key={tick.ms} x={tick.x} y={g.plot.bottom + 18} textAnchor="middle" fontSize={12} fill={COLORS.text}>
            {time(tick.ms)}
          </text>
        ))}
        <path d={g.area} fill={COLORS.area} fillOpacity={0.6} />
        <path d={g.line} fill="none" stroke={COLORS.line} strokeWidth={1.5} />
        <line
          data-line="limit"
          x1={g.plot.left}
          x2={g.plot.right}
          y1={g.limitY}
          y2={g.limitY}
          stroke={COLORS.limit}
          strokeWidth={2}
          strokeDasharray="6 4"
        />
        <line x1={g.plot.left} x2={g.plot.left} y1={g.plot.top} y2={g.plot.bottom} stroke={COLORS.text} />
        <line x1={g.plot.left} x2={g.plot.right} y1={g.plot.bottom} y2={g.plot.bottom} stroke={COLORS.text} />
        {g.peaks.map((p) => (
          <g key={p.ms} data-peak={new Date(p.ms).toISOString()}>
            <line x1={p.x} x2={p.x} y1={g.plot.top} y2={g.plot.bottom} stroke={COLORS.peak} strokeDasharray="2 3" />
            <circle cx={p.x} cy={p.y} r={5} fill={COLORS.peak} />
          </g>
        ))}
      </svg>
      <Title order={3} size="h5">
        {t('report.chart.flowTitle')}
      </Title>
      <svg
        width={width}
        height={flowBox.height}
        viewBox={`0 0 ${width} ${flowBox.height}`}
        role="img"
        aria-label={t('report.chart.flowName', { max: f.number(flow.max) })}
        style={{ display: 'block', maxWidth: '100%' }}
      >
        <path d={flow.joins} fill={COLORS.joins} />
        <path d={flow.leaves} fill={COLORS.leaves} />
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={flow.axisY} y2={flow.axisY} stroke={COLORS.text} />
        <text x={MARGIN.left - 6} y={flowBox.margin.top + 10} textAnchor="end" fontSize={12} fill={COLORS.text}>
          {t('report.chart.joins')}
        </text>
        <text
          x={MARGIN.left - 6}
          y={flowBox.height - flowBox.margin.bottom - 2}
          textAnchor="end"
          fontSize={12}
          fill={COLORS.text}
        >
          {t('report.chart.leaves')}
        </text>
      </svg>
      <details>
        <summary>{t('report.chart.tableToggle')}</summary>
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <caption>{t('report.chart.tableCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('report.chart.period')}</Table.Th>
                <Table.Th ta="right">{t('report.chart.mostSeated')}</Table.Th>
                <Table.Th ta="right">{t('report.chart.joins')}</Table.Th>
                <Table.Th ta="right">{t('report.chart.leaves')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.from}>
                  <Table.Td>
                    {time(Date.parse(r.from))}–{time(Date.parse(r.to))}
                  </Table.Td>
                  <Table.Td ta="right">{f.number(r.concurrent)}</Table.Td>
                  <Table.Td ta="right">{f.number(r.joins)}</Table.Td>
                  <Table.Td ta="right">{f.number(r.leaves)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
    </Stack>
  );
}
