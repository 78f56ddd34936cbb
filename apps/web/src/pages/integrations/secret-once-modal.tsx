import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/copy-field';

/** A secret the server shows this once (a signing secret, an API key): copy it now, it is not shown again. */
export function SecretOnceModal({
  title,
  label,
  secret,
  onClose,
}: {
  title: string;
  label: string;
  secret: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={title}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Alert color="yellow" variant="light" title={t('integrations.onceTitle')}>
          {t('integrations.onceBody')}
        </Alert>
        {secret ? <CopyField label={label} value={secret} copyLabel={t('common.copy')} /> : null}
        <Text size="sm">{t('integrations.onceAfter')}</Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            {t('integrations.onceDone')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
