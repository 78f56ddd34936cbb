import { Alert, Container, Text } from '@mantine/core';
import Hls, { type ErrorData, type LevelSwitchedData } from 'hls.js';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';

const HlsPlayer = lazy(() => import('../../player/hls-player'));

/** What the playback link carries after `#`: a fragment never reaches a server, so neither log nor proxy sees it. */
export function readPlaybackFragment(hash: string): { token: string | null; src: string | null } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const src = params.get('src');
  // only a web address is a playlist: anything else (javascript:, data:) is refused
  const safeSrc = src && /^https?:\/\//i.test(src) ? src : null;
  return { token: params.get('token'), src: safeSrc };
}

/**
 * The player of one video for anyone holding its playback link (`POST /api/media/assets/:id/playback` answers it
 * as `playerUrl`): no sign-in, the playback token opens the key server for this asset only.
 */
export default function PlayerPage() {
  const { t } = useTranslation();
  const { assetId = '' } = useParams();
  const { token, src } = useMemo(() => readPlaybackFragment(window.location.hash), []);
  const [hls, setHls] = useState<Hls | null>(null);
  const [rendition, setRendition] = useState<string | null>(null);
  const [keyRefused, setKeyRefused] = useState(false);

  useEffect(() => {
    if (!hls) return;
    const onSwitched = (_e: string, d: LevelSwitchedData) => {
      const l = hls.levels[d.level];
      setRendition(l?.height ? `${l.height}p` : null);
    };
    // the key server refused the token (expired, tampered, or the video was taken down)
    const onError = (_e: string, d: ErrorData) => {
      if (d.details === Hls.ErrorDetails.KEY_LOAD_ERROR) setKeyRefused(true);
    };
    hls.on(Hls.Events.LEVEL_SWITCHED, onSwitched);
    hls.on(Hls.Events.ERROR, onError);
    return () => {
      hls.off(Hls.Events.LEVEL_SWITCHED, onSwitched);
      hls.off(Hls.Events.ERROR, onError);
    };
  }, [hls]);

  return (
    <Container size="lg">
      <PageHeading title={t('playerPage.title')} />
      {!token || !src ? (
        <Alert color="yellow" variant="light" role="alert">
          {t('playerPage.noLink')}
        </Alert>
      ) : (
        <>
          {keyRefused ? (
            <Alert color="red" variant="light" role="alert" mb="md" title={t('playerPage.refusedTitle')}>
              {t('playerPage.refused')}
            </Alert>
          ) : null}
          <Suspense fallback={<Loading />}>
            <HlsPlayer src={src} keyToken={() => token} label={t('playerPage.label', { id: assetId })} onHls={setHls} />
          </Suspense>
          <Text size="sm" mt="sm" aria-live="polite">
            {rendition ? t('playerPage.rendition', { rendition }) : ''}
          </Text>
        </>
      )}
    </Container>
  );
}
