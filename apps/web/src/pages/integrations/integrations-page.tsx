import { Divider, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading';
import { ApiKeysSection } from './api-keys-section';
import { WebhooksSection } from './webhooks-section';

/** The administrator's Integrations: webhook endpoints and API keys of the account. */
export default function IntegrationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('integrations.title')} description={t('integrations.intro')} />
      <Stack gap="xl">
        <WebhooksSection />
        <Divider />
        <ApiKeysSection />
      </Stack>
    </>
  );
}
