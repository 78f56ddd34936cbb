import { Anchor, Badge, Button, Card, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/api-error';
import { api, unwrap } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import {
  endpointStatus,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookEventType,
} from './integration-types';
import { SecretOnceModal } from './secret-once-modal';
import { WebhookTypePicker } from './webhook-type-picker';

export const webhooksQuery = () => ({
  queryKey: ['webhooks'],
  queryFn: () => unwrap<WebhookEndpoint[]>(api.GET('/api/webhooks')),
});

export const STATUS_COLOR = { active: 'teal.9', paused: 'gray.7', failing: 'red.9', disabled: 'dark.7' } as const;

export function EndpointStatusBadge({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const status = endpointStatus(endpoint);
  return (
    <Badge color={STATUS_COLOR[status]} variant="filled" radius="sm">
      {t(`integrations.webhooks.status.${status}`)}
    </Badge>
  );
}

export function WebhooksSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const endpoints = useQuery(webhooksQuery());
  return (
    <Stack gap="md" component="section" aria-labelledby="webhooks-title">
      <Title order={2} size="h3" id="webhooks-title">
        {t('integrations.webhooks.title')}
      </Title>
      <Text>{t('integrations.webhooks.intro')}</Text>
      <AddEndpoint />
      <QueryState query={endpoints}>
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">{t('integrations.webhooks.none')}</Text>
          ) : (
            <Table striped withTableBorder>
              <Table.Caption>{t('integrations.webhooks.listCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('integrations.webhooks.url')}</Table.Th>
                  <Table.Th>{t('integrations.webhooks.types')}</Table.Th>
                  <Table.Th>{t('integrations.webhooks.state')}</Table.Th>
                  <Table.Th>{t('integrations.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/integrations/webhooks/${e.id}`}>
                        {e.url}
                      </Anchor>
                      {e.description ? (
                        <Text size="sm" c="dimmed">
                          {e.description}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{t('integrations.webhooks.typeCount', { count: e.eventTypes.length })}</Table.Td>
                    <Table.Td>
                      <EndpointStatusBadge endpoint={e} />
                    </Table.Td>
                    <Table.Td>{f.dateTime(e.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Stack>
  );
}

function AddEndpoint() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>([]);
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const urlField = useRef<HTMLInputElement>(null);

  const localUrlProblem = (() => {
    if (!url.trim()) return t('integrations.webhooks.urlRequired');
    try {
      const u = new URL(url.trim());
      return u.protocol === 'https:' || u.protocol === 'http:' ? null : t('integrations.webhooks.urlHttps');
    } catch {
      return t('integrations.webhooks.urlInvalid');
    }
  })();
  const typesProblem = types.length === 0 ? t('integrations.webhooks.typesRequired') : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShowAll(true);
    setUrlError(null);
    setError(null);
    if (localUrlProblem || typesProblem) {
      urlField.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await unwrap<WebhookEndpointWithSecret>(
        api.POST('/api/webhooks', { body: { url: url.trim(), description: description.trim(), eventTypes: types } }),
      );
      setSecret(created.secret);
      setUrl('');
      setDescription('');
      setTypes([]);
      setShowAll(false);
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    } catch (err) {
      if (isApiError(err) && err.field === 'url') setUrlError(err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="add-endpoint">
      <Title order={3} size="h4" id="add-endpoint" mb="sm">
        {t('integrations.webhooks.addTitle')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          {error ? <ApiErrorAlert error={error} /> : null}
          <TextInput
            ref={urlField}
            label={t('integrations.webhooks.url')}
            description={t('integrations.webhooks.urlHelp')}
            placeholder="https://crm.example.com/hooks/webcasts"
            required
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setUrlError(null);
            }}
            error={urlError ?? (showAll ? localUrlProblem : null)}
          />
          <TextInput
            label={t('integrations.webhooks.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={200}
          />
          <WebhookTypePicker value={types} onChange={setTypes} error={showAll ? typesProblem : undefined} />
          <div>
            <Button type="submit" loading={busy}>
              {t('integrations.webhooks.add')}
            </Button>
          </div>
        </Stack>
      </form>
      <SecretOnceModal
        title={t('integrations.webhooks.secretTitle')}
        label={t('integrations.webhooks.secret')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
