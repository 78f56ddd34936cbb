import { Badge, Card, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title, Button } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API_KEY_SCOPES } from '#domain';
import { api, unwrap } from '../../api/client';
import type { OrganizerView } from '../../api/console-types';
import { organizersQuery } from '../../api/queries';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmButton } from '../../components/confirm-button';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import type { ApiKey, ApiKeyScope, ApiKeyWithSecret } from './integration-types';
import { SecretOnceModal } from './secret-once-modal';

const apiKeysQuery = () => ({
  queryKey: ['api-keys'],
  queryFn: () => unwrap<ApiKey[]>(api.GET('/api/api-keys')),
});

// i18next reads ':' as its namespace separator: the scopes' texts are under keys with '_' instead.
const SCOPE_TEXT = {
  'read:events': 'integrations.scope.read_events',
  'write:events': 'integrations.scope.write_events',
  'read:reports': 'integrations.scope.read_reports',
  'manage:media': 'integrations.scope.manage_media',
} as const satisfies Record<ApiKeyScope, string>;

/** Scopes whose endpoints belong to one organizer's events (the server says the same when a key is made). */
const ORGANIZER_SCOPES: readonly ApiKeyScope[] = ['write:events', 'read:reports', 'manage:media'];

export function ApiKeysSection() {
  const { t } = useTranslation();
  const keys = useQuery(apiKeysQuery());
  const organizers = useQuery(organizersQuery());
  const people = organizers.data ?? [];
  return (
    <Stack gap="md" component="section" aria-labelledby="api-keys-title">
      <Title order={2} size="h3" id="api-keys-title">
        {t('integrations.keys.title')}
      </Title>
      <Text>{t('integrations.keys.intro')}</Text>
      <CreateKey organizers={people.filter((o) => o.active)} />
      <QueryState query={keys}>
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">{t('integrations.keys.none')}</Text>
          ) : (
            <KeysTable keys={list} organizers={people} />
          )
        }
      </QueryState>
    </Stack>
  );
}

function KeysTable({ keys, organizers }: { keys: ApiKey[]; organizers: OrganizerView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const nameOf = (id: string) => organizers.find((o) => o.id === id)?.name ?? t('integrations.keys.actsAsYou');
  return (
    <Table striped withTableBorder>
      <Table.Caption>{t('integrations.keys.listCaption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('integrations.keys.name')}</Table.Th>
          <Table.Th>{t('integrations.keys.scopes')}</Table.Th>
          <Table.Th>{t('integrations.keys.actsAs')}</Table.Th>
          <Table.Th>{t('integrations.keys.lastUsed')}</Table.Th>
          <Table.Th>{t('integrations.keys.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((k) => (
          <Table.Tr key={k.id}>
            <Table.Td>
              <Text fw={600}>{k.name}</Text>
              <Text size="sm" ff="monospace">
                {k.prefix}…
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {k.scopes.map((s) => (
                  <Badge key={s} variant="outline" color="blue.9" radius="sm" tt="none">
                    {s}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>{nameOf(k.actsAsUserId)}</Table.Td>
            <Table.Td>{k.lastUsedAt ? f.dateTime(k.lastUsedAt) : t('integrations.keys.neverUsed')}</Table.Td>
            <Table.Td>
              {k.revokedAt ? (
                <Badge color="gray.7" variant="filled" radius="sm">
                  {t('integrations.keys.revokedOn', { date: f.date(k.revokedAt) })}
                </Badge>
              ) : (
                <ConfirmButton
                  size="xs"
                  label={t('integrations.keys.revoke')}
                  title={t('integrations.keys.revokeTitle', { name: k.name })}
                  body={t('integrations.keys.revokeBody')}
                  confirmLabel={t('integrations.keys.revokeConfirm')}
                  onConfirm={async () => {
                    await unwrap(api.POST('/api/api-keys/{id}/revoke', { params: { path: { id: k.id } } }));
                    await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
                  }}
                />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CreateKey({ organizers }: { organizers: OrganizerView[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [actsAs, setActsAs] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key, setKey] = useState<string | null>(null);
  const nameField = useRef<HTMLInputElement>(null);

  const needsOrganizer = scopes.some((s) => ORGANIZER_SCOPES.includes(s));
  const problems = {
    name: name.trim() ? null : t('integrations.keys.nameRequired'),
    scopes: scopes.length ? null : t('integrations.keys.scopesRequired'),
    actsAs: needsOrganizer && !actsAs ? t('integrations.keys.organizerRequired') : null,
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShowAll(true);
    setError(null);
    if (problems.name || problems.scopes || problems.actsAs) {
      nameField.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const made = await unwrap<ApiKeyWithSecret>(
        api.POST('/api/api-keys', {
          body: { name: name.trim(), scopes, ...(actsAs ? { actsAsOrganizerId: actsAs } : {}) },
        }),
      );
      setKey(made.key);
      setName('');
      setScopes([]);
      setActsAs(null);
      setShowAll(false);
      await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="create-key">
      <Title order={3} size="h4" id="create-key" mb="sm">
        {t('integrations.keys.createTitle')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          {error ? <ApiErrorAlert error={error} /> : null}
          <TextInput
            ref={nameField}
            label={t('integrations.keys.name')}
            description={t('integrations.keys.nameHelp')}
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={showAll ? problems.name : null}
          />
          <Checkbox.Group
            label={t('integrations.keys.scopes')}
            withAsterisk
            value={scopes}
            onChange={(v) => setScopes(v)}
            error={showAll ? problems.scopes : null}
          >
            <Stack gap="xs" mt="xs">
              {API_KEY_SCOPES.map((s) => (
                <Checkbox key={s} value={s} label={s} description={t(SCOPE_TEXT[s])} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Select
            label={t('integrations.keys.actsAs')}
            description={needsOrganizer ? t('integrations.keys.actsAsNeeded') : t('integrations.keys.actsAsHelp')}
            placeholder={t('integrations.keys.actsAsYou')}
            data={organizers.map((o) => ({ value: o.id, label: `${o.name} (${o.email})` }))}
            value={actsAs}
            onChange={setActsAs}
            clearable
            required={needsOrganizer}
            error={showAll ? problems.actsAs : null}
          />
          <div>
            <Button type="submit" loading={busy}>
              {t('integrations.keys.create')}
            </Button>
          </div>
        </Stack>
      </form>
      <SecretOnceModal
        title={t('integrations.keys.keyTitle')}
        label={t('integrations.keys.key')}
        secret={key}
        onClose={() => setKey(null)}
      />
    </Card>
  );
}
