import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MediaAsset } from '../../api/media';

// Codes whose server sentence holds specifics (durations, the tool's last words) worth showing under ours.
const WITH_DETAILS = new Set(['unreadable', 'retries-exhausted', 'incomplete', 'unknown']);

/** Why a transcode failed, in the viewer's language, from the server's failure code. */
export function FailureReason({ asset }: { asset: MediaAsset }) {
  const { t } = useTranslation();
  const code = asset.failureCode ?? 'unknown';
  return (
    <Alert color="red" variant="light" title={t('media.failure.title')} role="alert">
      <Text size="sm">{t(`media.failure.${code}`)}</Text>
      {WITH_DETAILS.has(code) && asset.failureReason ? (
        <Text size="sm" mt="xs">
          {t('media.failure.details')} <span lang="en">{asset.failureReason}</span>
        </Text>
      ) : null}
    </Alert>
  );
}
