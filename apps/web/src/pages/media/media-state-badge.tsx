import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MediaAssetState } from '../../api/media';

// Dark enough for 4.5:1 with white text; the word carries the meaning, the colour only helps.
const COLOR: Record<MediaAssetState, string> = {
  uploading: 'gray.7',
  queued: 'blue.8',
  processing: 'blue.8',
  ready: 'teal.9',
  failed: 'red.9',
};

export function MediaStateBadge({ state }: { state: MediaAssetState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[state]} variant="filled" radius="sm">
      {t(`media.state.${state}`)}
    </Badge>
  );
}
