import { Anchor, Table, Text, TextInput, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { accountUsageQuery } from '../../api/queries';
import { EventStateBadge } from '../../components/event-state-badge';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';

/** The current month in UTC, as the usage endpoint counts it: "2026-03". */
export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export default function UsagePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [month, setMonth] = useState(currentMonth());
  const usage = useQuery(accountUsageQuery(month));
  return (
    <>
      <PageHeading title={t('usage.title')} description={t('usage.intro')} />
      <Stack gap="md">
        <TextInput
          type="month"
          label={t('usage.month')}
          value={month}
          onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
          maw={240}
        />
        <Text size="sm">{t('usage.formula')}</Text>
        <QueryState query={usage}>
          {(u) => (
            <>
              <Text size="lg" fw={600} aria-live="polite">
                {t('usage.total', { total: f.money(u.totalOverageFeeCents, u.currency), count: u.events.length })}
              </Text>
              {u.events.length === 0 ? (
                <Text c="dimmed">{t('usage.none')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={760}>
                  <Table striped>
                    <Table.Caption>{t('usage.caption', { month })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('usage.columns.event')}</Table.Th>
                        <Table.Th>{t('usage.columns.organizer')}</Table.Th>
                        <Table.Th>{t('usage.columns.starts')}</Table.Th>
                        <Table.Th>{t('usage.columns.state')}</Table.Th>
                        <Table.Th ta="right">{t('usage.columns.peak')}</Table.Th>
                        <Table.Th ta="right">{t('usage.columns.overage')}</Table.Th>
                        <Table.Th ta="right">{t('usage.columns.fee')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {u.events.map((e) => (
                        <Table.Tr key={e.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/events/${e.id}`}>
                              {e.title}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{e.organizerName}</Table.Td>
                          <Table.Td>{f.dateTime(e.startsAt)}</Table.Td>
                          <Table.Td>
                            <EventStateBadge state={e.state} />
                          </Table.Td>
                          <Table.Td ta="right">{f.number(e.peakConcurrent)}</Table.Td>
                          <Table.Td ta="right">{f.number(e.peakOverage)}</Table.Td>
                          <Table.Td ta="right">{f.money(e.overageFeeCents, u.currency)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                    <Table.Tfoot>
                      <Table.Tr>
                        <Table.Th colSpan={6}>{t('usage.totalRow')}</Table.Th>
                        <Table.Th ta="right">{f.money(u.totalOverageFeeCents, u.currency)}</Table.Th>
                      </Table.Tr>
                    </Table.Tfoot>
                  </Table>
                </Table.ScrollContainer>
              )}
            </>
          )}
        </QueryState>
      </Stack>
    </>
  );
}
