import { Button, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { operatorAccountsQuery } from '../../api/queries';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { DEFAULT_CURRENCY, useFormat } from '../../format/format';

export default function AccountsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const accounts = useQuery(operatorAccountsQuery());
  return (
    <>
      <PageHeading
        title={t('accounts.title')}
        description={t('accounts.intro')}
        actions={
          <Button component={Link} to="/accounts/new">
            {t('accounts.create')}
          </Button>
        }
      />
      <QueryState query={accounts}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('accounts.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped>
                <Table.Caption>{t('accounts.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('accounts.columns.name')}</Table.Th>
                    <Table.Th>{t('accounts.columns.administrators')}</Table.Th>
                    <Table.Th ta="right">{t('accounts.columns.seats')}</Table.Th>
                    <Table.Th ta="right">{t('accounts.columns.orders')}</Table.Th>
                    <Table.Th ta="right">{t('accounts.columns.events')}</Table.Th>
                    <Table.Th ta="right">{t('accounts.columns.fees')}</Table.Th>
                    <Table.Th>{t('accounts.columns.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...list]
                    .sort((a, b) => a.name.localeCompare(b.name))
                    .map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td fw={600}>{a.name}</Table.Td>
                        <Table.Td>
                          {a.administrators.map((x) => (
                            <div key={x.id}>
                              {x.name}{' '}
                              <Text span c="dimmed" size="sm">
                                &lt;{x.email}&gt;
                              </Text>
                            </div>
                          ))}
                        </Table.Td>
                        <Table.Td ta="right">
                          {t('accounts.seatsValue', { used: f.number(a.seatsUsed), total: f.number(a.seatsTotal) })}
                        </Table.Td>
                        <Table.Td ta="right">{f.number(a.activeOrders)}</Table.Td>
                        <Table.Td ta="right">{f.number(a.eventsThisMonth)}</Table.Td>
                        <Table.Td ta="right">{f.money(a.overageFeeCentsThisMonth, DEFAULT_CURRENCY)}</Table.Td>
                        <Table.Td>{f.date(a.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </>
  );
}
