import { Text } from '@mantine/core';
import type Hls from 'hls.js';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenterView } from '../../api/queries';
import { sessionStore } from '../../auth/session-store';
import { Loading } from '../../components/loading';
import { useFormat } from '../../format/format';
import { GreenRoomCard } from './green-room-card';

// hls.js and the player load with the green room's preview, not with the console.
const HlsPlayer = lazy(() => import('../../player/hls-player'));

/**
 * What viewers see, from the same playlists and the same key server, and how far behind the live edge it plays.
 * The presenter's own sign-in opens the key (the key server lets an asset's owner in), so no token is minted here.
 */
export function LivePreview({ view, title }: { view: PresenterView; title: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [hls, setHls] = useState<Hls | null>(null);
  const [delay, setDelay] = useState<number | null>(null);
  const live = view.state === 'live';
  const src = live ? (view.playback?.liveMasterUrl ?? null) : (view.playback?.replayMasterUrl ?? null);

  useEffect(() => {
    if (!hls || !live) return;
    const timer = setInterval(() => {
      const latency = hls.latency;
      setDelay(Number.isFinite(latency) && latency > 0 ? latency : null);
    }, 1000);
    return () => clearInterval(timer);
  }, [hls, live]);

  return (
    <GreenRoomCard title={t('greenRoom.preview.heading')} id="green-room-preview">
      {src ? (
        <>
          <Suspense fallback={<Loading />}>
            <HlsPlayer
              src={src}
              live={live}
              keyToken={sessionStore.token}
              label={t('greenRoom.preview.label', { title })}
              onHls={setHls}
            />
          </Suspense>
          {live ? (
            <Text size="sm" mt="xs" data-preview-delay={delay ?? ''}>
              {delay === null
                ? t('greenRoom.preview.delayUnknown')
                : t('greenRoom.preview.delay', { seconds: f.number(Math.round(delay * 10) / 10) })}
            </Text>
          ) : (
            <Text size="sm" mt="xs">
              {t('greenRoom.preview.recording')}
            </Text>
          )}
        </>
      ) : (
        <Text c="dimmed">
          {view.state === 'scheduled' ? t('greenRoom.preview.notYet') : t('greenRoom.preview.none')}
        </Text>
      )}
    </GreenRoomCard>
  );
}
