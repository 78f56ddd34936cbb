import { useTranslation } from 'react-i18next';
import type { MediaAsset } from '../../api/media';
import { LabelledProgress } from './labelled-progress';
import { formatPercent } from './media-units';

/** The transcoding bar of an asset that is queued or processing. */
export function TranscodeProgress({ asset, compact = false }: { asset: MediaAsset; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const text =
    asset.state === 'queued'
      ? t('media.progress.queued')
      : t('media.progress.transcoding', { percent: formatPercent(i18n.resolvedLanguage ?? 'en', asset.progress) });
  return (
    <LabelledProgress value={asset.progress} text={text} animated={asset.state === 'processing'} compact={compact} />
  );
}
