import { Badge, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import type { WebhookDelivery } from './integration-types';

/** How often the log is read again while the page is open: retries land in it on their own. */
const LOG_REFRESH_MS = 5000;
const DELIVERY_COLOR = { pending: 'yellow.9', delivered: 'teal.9', failed: 'red.9' } as const;

export function DeliveryLog({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const log = useQuery({
    queryKey: ['webhooks', endpointId, 'deliveries'],
    queryFn: () =>
      unwrap<WebhookDelivery[]>(api.GET('/api/webhooks/{id}/deliveries', { params: { path: { id: endpointId } } })),
    refetchInterval: LOG_REFRESH_MS,
  });
  const replay = async (deliveryId: string) => {
    setError(null);
    try {
      await unwrap(
        api.POST('/api/webhooks/{id}/deliveries/{deliveryId}/replay', {
          params: { path: { id: endpointId, deliveryId } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['webhooks', endpointId, 'deliveries'] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Stack component="section" aria-labelledby="delivery-log" gap="sm">
      <Title order={2} size="h3" id="delivery-log">
        {t('integrations.log.title')}
      </Title>
      {error ? <ApiErrorAlert error={error} /> : null}
      <QueryState query={log}>
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">{t('integrations.log.none')}</Text>
          ) : (
            <Table withTableBorder>
              <Table.Caption>{t('integrations.log.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('integrations.log.queued')}</Table.Th>
                  <Table.Th>{t('integrations.log.type')}</Table.Th>
                  <Table.Th>{t('integrations.log.outcome')}</Table.Th>
                  <Table.Th>{t('integrations.log.attempts')}</Table.Th>
                  <Table.Th>{t('integrations.keys.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((d) => (
                  <Fragment key={d.id}>
                    <Table.Tr>
                      <Table.Td>{f.dateTime(d.createdAt)}</Table.Td>
                      <Table.Td>
                        <Code>{d.eventType}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={DELIVERY_COLOR[d.status]} variant="filled" radius="sm">
                          {t(`integrations.log.status.${d.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{f.number(d.attempts)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          <Button
                            size="xs"
                            variant="default"
                            aria-expanded={open === d.id}
                            aria-controls={`delivery-${d.id}`}
                            onClick={() => setOpen(open === d.id ? null : d.id)}
                          >
                            {open === d.id ? t('integrations.log.hide') : t('integrations.log.show')}
                          </Button>
                          <Button
                            size="xs"
                            variant="outline"
                            disabled={!enabled || d.status === 'pending'}
                            onClick={() => void replay(d.id)}
                          >
                            {t('integrations.log.replay')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {open === d.id ? (
                      <Table.Tr id={`delivery-${d.id}`}>
                        <Table.Td colSpan={5}>
                          <DeliveryDetails delivery={d} />
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Stack>
  );
}

function DeliveryDetails({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t('integrations.log.id')} <Code>{delivery.id}</Code>
      </Text>
      <Table>
        <Table.Caption>{t('integrations.log.attemptsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('integrations.log.time')}</Table.Th>
            <Table.Th>{t('integrations.log.answer')}</Table.Th>
            <Table.Th>{t('integrations.log.duration')}</Table.Th>
            <Table.Th>{t('integrations.log.excerpt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {delivery.attemptLog.map((a, i) => (
            <Table.Tr key={i}>
              <Table.Td>{f.dateTime(a.attemptedAt)}</Table.Td>
              <Table.Td>{a.statusCode !== null ? String(a.statusCode) : (a.error ?? '—')}</Table.Td>
              <Table.Td>{t('integrations.log.ms', { ms: f.number(a.durationMs) })}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" lineClamp={3}>
                  {a.responseExcerpt || '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={600}>
        {t('integrations.log.payload')}
      </Text>
      <Code block>{JSON.stringify(delivery.payload, null, 2)}</Code>
    </Stack>
  );
}
