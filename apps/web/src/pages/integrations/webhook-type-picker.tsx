import { Button, Checkbox, Group, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_EVENT_TYPES } from '#domain';
import type { WebhookEventType } from './integration-types';

/** The event types an endpoint receives, each with what it means; "all" and "none" for speed. */
export function WebhookTypePicker({
  value,
  onChange,
  error,
}: {
  value: WebhookEventType[];
  onChange: (v: WebhookEventType[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={t('integrations.webhooks.types')}
      value={value}
      onChange={(v) => onChange(v)}
      error={error}
      withAsterisk
    >
      <Group gap="xs" my="xs">
        <Button size="compact-sm" variant="default" onClick={() => onChange([...WEBHOOK_EVENT_TYPES])}>
          {t('integrations.webhooks.allTypes')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => onChange([])}>
          {t('integrations.webhooks.noTypes')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <Checkbox key={type} value={type} label={type} description={t(`integrations.eventType.${type}`)} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
