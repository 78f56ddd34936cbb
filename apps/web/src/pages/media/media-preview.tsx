import { Anchor, Card, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaPlaybackQuery, type MediaAsset } from '../../api/media';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { Loading } from '../../components/loading';

// The player (and hls.js behind it) loads with the first preview, not with the console.
const HlsPlayer = lazy(() => import('../../player/hls-player'));

/** The ready asset in the shared player, its key from the key server with a playback token kept fresh. */
export function MediaPreview({ asset }: { asset: MediaAsset }) {
  const { t } = useTranslation();
  const playback = useQuery(mediaPlaybackQuery(asset.id));
  const token = useRef<string | null>(null);
  token.current = playback.data?.token ?? null;
  return (
    <Card withBorder component="section" aria-labelledby="media-preview-heading">
      <Title order={2} size="h4" id="media-preview-heading" mb="sm">
        {t('media.preview.heading')}
      </Title>
      {playback.isError ? (
        <ApiErrorAlert error={playback.error} />
      ) : playback.data ? (
        <>
          <Suspense fallback={<Loading />}>
            <HlsPlayer
              src={playback.data.masterUrl}
              keyToken={() => token.current}
              label={t('media.preview.label', { title: asset.title })}
            />
          </Suspense>
          <Anchor href={playback.data.playerUrl} target="_blank" rel="noopener" size="sm" mt="sm" display="block">
            {t('media.preview.playerLink')}
          </Anchor>
        </>
      ) : (
        <Loading />
      )}
    </Card>
  );
}
