import { Button, Card, Group, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import type { EventView } from '../../api/console-types';
import { registrantsQuery } from '../../api/queries';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useFormat } from '../../format/format';

export const REGISTRANTS_PAGE_SIZE = 25;

/** Who registered: searched by name or email on the server, a page at a time, all of them as CSV. */
export function RegistrantsTable({ event }: { event: EventView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const offset = (page - 1) * REGISTRANTS_PAGE_SIZE;
  const registrants = useQuery(registrantsQuery(event.id, q, offset, REGISTRANTS_PAGE_SIZE));
  const total = registrants.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / REGISTRANTS_PAGE_SIZE));
  const items = registrants.data?.items ?? [];

  const download = async () => {
    setDownloadError(null);
    try {
      await downloadFile(
        `/api/events/${encodeURIComponent(event.id)}/registrations.csv`,
        `registrants-${event.publicSlug}.csv`,
      );
    } catch (e) {
      setDownloadError(e);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="registrants-heading">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="registrants-heading">
          {t('registrants.title')}
        </Title>
        <Button variant="default" onClick={() => void download()}>
          {t('registrants.downloadCsv')}
        </Button>
      </Group>
      <Stack gap="sm">
        {downloadError ? <ApiErrorAlert error={downloadError} /> : null}
        <TextInput
          label={t('registrants.search')}
          description={t('registrants.searchHelp')}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          maw={420}
        />
        <Text size="sm" aria-live="polite">
          {registrants.isPending
            ? t('common.loading')
            : total === 0
              ? q
                ? t('registrants.noMatch', { q })
                : t('registrants.none')
              : t('registrants.showing', {
                  from: f.number(offset + 1),
                  to: f.number(offset + items.length),
                  total: f.number(total),
                })}
        </Text>
        {registrants.error ? <ApiErrorAlert error={registrants.error} /> : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-labelledby="registrants-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('registrants.name')}</Table.Th>
                  <Table.Th>{t('registrants.email')}</Table.Th>
                  <Table.Th>{t('registrants.registeredAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{r.email}</Table.Td>
                    <Table.Td>{f.dateTime(r.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {pages > 1 ? (
          <nav aria-label={t('registrants.pagination')}>
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              getItemProps={(p) => ({ 'aria-label': t('registrants.page', { page: p }) })}
              getControlProps={(control) => ({ 'aria-label': t(`registrants.${control}Page`) })}
            />
          </nav>
        ) : null}
      </Stack>
    </Card>
  );
}
