import { Alert, Button, Card, Group, Stack, Switch, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmButton } from '../../components/confirm-button';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import { DeliveryLog } from './delivery-log';
import type { WebhookEndpoint, WebhookEndpointWithSecret, WebhookEventType } from './integration-types';
import { SecretOnceModal } from './secret-once-modal';
import { EndpointStatusBadge } from './webhooks-section';
import { WebhookTypePicker } from './webhook-type-picker';

export default function WebhookEndpointPage() {
  const { t } = useTranslation();
  const { endpointId = '' } = useParams();
  const endpoint = useQuery({
    queryKey: ['webhooks', endpointId],
    queryFn: () => unwrap<WebhookEndpoint>(api.GET('/api/webhooks/{id}', { params: { path: { id: endpointId } } })),
  });
  return (
    <QueryState query={endpoint} notFound={t('integrations.endpoint.notFound')}>
      {(e) => <EndpointView endpoint={e} />}
    </QueryState>
  );
}

function EndpointView({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const path = { params: { path: { id: endpoint.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });

  const sendTest = async () => {
    setError(null);
    try {
      await unwrap(api.POST('/api/webhooks/{id}/test', path));
      notifications.show({ color: 'green', message: t('integrations.endpoint.testSent') });
      await refresh();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeading title={endpoint.url} description={endpoint.description || t('integrations.endpoint.intro')} />
      <Stack gap="xl">
        <Group>
          <EndpointStatusBadge endpoint={endpoint} />
        </Group>
        {endpoint.disabledReason ? (
          <Alert color="red" variant="light" title={t('integrations.endpoint.disabledTitle')}>
            {endpoint.disabledReason}
          </Alert>
        ) : endpoint.failingSince ? (
          <Alert color="orange" variant="light" title={t('integrations.endpoint.failingTitle')}>
            {t('integrations.endpoint.failingBody', { since: f.dateTime(endpoint.failingSince) })}
          </Alert>
        ) : null}
        {error ? <ApiErrorAlert error={error} /> : null}
        <EndpointSettings endpoint={endpoint} onSaved={refresh} />
        <Card withBorder component="section" aria-labelledby="endpoint-actions">
          <Title order={2} size="h4" id="endpoint-actions" mb="sm">
            {t('integrations.endpoint.actions')}
          </Title>
          <Group>
            <Button variant="default" onClick={() => void sendTest()} disabled={!endpoint.enabled}>
              {t('integrations.endpoint.sendTest')}
            </Button>
            <ConfirmButton
              label={t('integrations.endpoint.rotate')}
              title={t('integrations.endpoint.rotateTitle')}
              body={t('integrations.endpoint.rotateBody')}
              confirmLabel={t('integrations.endpoint.rotateConfirm')}
              onConfirm={async () => {
                const r = await unwrap<WebhookEndpointWithSecret>(api.POST('/api/webhooks/{id}/secret', path));
                setSecret(r.secret);
              }}
            />
            <ConfirmButton
              label={t('integrations.endpoint.delete')}
              title={t('integrations.endpoint.deleteTitle')}
              body={t('integrations.endpoint.deleteBody', { url: endpoint.url })}
              confirmLabel={t('integrations.endpoint.deleteConfirm')}
              onConfirm={async () => {
                await unwrap(api.DELETE('/api/webhooks/{id}', path));
                await refresh();
                await navigate('/integrations');
              }}
            />
          </Group>
        </Card>
        <DeliveryLog endpointId={endpoint.id} enabled={endpoint.enabled} />
      </Stack>
      <SecretOnceModal
        title={t('integrations.webhooks.secretTitle')}
        label={t('integrations.webhooks.secret')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </>
  );
}

function EndpointSettings({ endpoint, onSaved }: { endpoint: WebhookEndpoint; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState(endpoint.description);
  const [types, setTypes] = useState<WebhookEventType[]>(endpoint.eventTypes);
  const [enabled, setEnabled] = useState(endpoint.enabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setEnabled(endpoint.enabled), [endpoint.enabled]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.PATCH('/api/webhooks/{id}', {
          params: { path: { id: endpoint.id } },
          body: { description, eventTypes: types, enabled },
        }),
      );
      notifications.show({ color: 'green', message: t('integrations.endpoint.saved') });
      await onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="endpoint-settings">
      <Title order={2} size="h4" id="endpoint-settings" mb="sm">
        {t('integrations.endpoint.settings')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="sm">
          {error ? <ApiErrorAlert error={error} /> : null}
          <Switch
            label={t('integrations.endpoint.enabled')}
            description={t('integrations.endpoint.enabledHelp')}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <TextInput
            label={t('integrations.webhooks.description')}
            value={description}
            maxLength={200}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <WebhookTypePicker
            value={types}
            onChange={setTypes}
            error={types.length === 0 ? t('integrations.webhooks.typesRequired') : undefined}
          />
          <div>
            <Button type="submit" loading={busy} disabled={types.length === 0}>
              {t('integrations.endpoint.save')}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
