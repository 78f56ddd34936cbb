import { Card, Pagination, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/format';
import { attendeeRows, type AttendeeSort, type AttendeeSortKey } from './attendee-rows';
import type { AttendanceReport } from './report-queries';

export const ATTENDEES_PAGE_SIZE = 25;

const COLUMNS: { key: AttendeeSortKey; numeric?: boolean }[] = [
  { key: 'name' },
  { key: 'email' },
  { key: 'sessions', numeric: true },
  { key: 'devices', numeric: true },
  { key: 'watchMinutes', numeric: true },
  { key: 'firstJoin' },
];

/** Who attended: sessions, devices and minutes watched, searched, sorted by any column, a page at a time. */
export function AttendeesTable({ report, timeZone }: { report: AttendanceReport; timeZone: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const [sort, setSort] = useState<AttendeeSort>({ key: 'firstJoin', descending: false });
  const [page, setPage] = useState(1);
  const offset = (page - 1) * ATTENDEES_PAGE_SIZE;
  const { total, items } = useMemo(
    () => attendeeRows(report.attendees, { q, sort, offset, limit: ATTENDEES_PAGE_SIZE }),
    [report.attendees, q, sort, offset],
  );
  const pages = Math.max(1, Math.ceil(total / ATTENDEES_PAGE_SIZE));
  const label = (key: AttendeeSortKey) => t(`report.attendees.${key}`);

  const sortBy = (key: AttendeeSortKey) => {
    setSort((s) => ({
      key,
      descending: s.key === key ? !s.descending : key !== 'name' && key !== 'email' && key !== 'firstJoin',
    }));
    setPage(1);
  };

  return (
    <Card withBorder component="section" aria-labelledby="attendees-heading">
      <Title order={2} size="h4" id="attendees-heading" mb="sm">
        {t('report.attendees.title')}
      </Title>
      <Stack gap="sm">
        <TextInput
          label={t('report.attendees.search')}
          description={t('report.attendees.searchHelp')}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          maw={420}
        />
        <Text size="sm" aria-live="polite">
          {total === 0
            ? q
              ? t('report.attendees.noMatch', { q })
              : t('report.attendees.none')
            : t('report.attendees.showing', {
                from: f.number(offset + 1),
                to: f.number(offset + items.length),
                total: f.number(total),
              })}
        </Text>
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-labelledby="attendees-heading">
              <Table.Thead>
                <Table.Tr>
                  {COLUMNS.map((c) => {
                    const active = sort.key === c.key;
                    return (
                      <Table.Th
                        key={c.key}
                        ta={c.numeric ? 'right' : undefined}
                        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
                      >
                        <UnstyledButton
                          onClick={() => sortBy(c.key)}
                          className="sort-button"
                          aria-label={t('report.attendees.sortBy', { column: label(c.key) })}
                          aria-describedby={active ? 'attendees-sort-state' : undefined}
                        >
                          {label(c.key)}
                          <span aria-hidden> {active ? (sort.descending ? '▼' : '▲') : '↕'}</span>
                        </UnstyledButton>
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => {
                  const first = a.sessions.reduce<string | null>(
                    (m, s) => (m === null || s.joinAt < m ? s.joinAt : m),
                    null,
                  );
                  return (
                    <Table.Tr key={a.registrantId}>
                      <Table.Td>{a.name}</Table.Td>
                      <Table.Td>{a.email}</Table.Td>
                      <Table.Td ta="right">{f.number(a.sessions.length)}</Table.Td>
                      <Table.Td ta="right">{f.number(a.devices)}</Table.Td>
                      <Table.Td ta="right">{f.number(a.watchMinutes)}</Table.Td>
                      <Table.Td>{first ? f.dateTime(first, timeZone) : '—'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <span id="attendees-sort-state" hidden>
          {sort.descending ? t('report.attendees.sortedDescending') : t('report.attendees.sortedAscending')}
        </span>
        {pages > 1 ? (
          <nav aria-label={t('report.attendees.pagination')}>
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              getItemProps={(p) => ({ 'aria-label': t('report.attendees.page', { page: p }) })}
              getControlProps={(control) => ({ 'aria-label': t(`report.attendees.${control}Page`) })}
            />
          </nav>
        ) : null}
      </Stack>
    </Card>
  );
}
