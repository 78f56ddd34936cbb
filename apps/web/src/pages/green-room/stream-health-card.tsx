import { Alert, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PresenterView } from '../../api/queries';
import { useFormat } from '../../format/format';
import { GreenRoomCard } from './green-room-card';

const STATUS_COLOR = {
  'waiting-for-obs': 'gray.8',
  live: 'red.9',
  reconnecting: 'orange.9',
  ended: 'dark.6',
} as const;

/** The stream's state and what ingest measures of it: bitrate, frame rate, dropped frames, resolution, keyframes. */
export function StreamHealthCard({ view }: { view: PresenterView }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const h = view.health;
  const status = view.streamStatus;
  return (
    <GreenRoomCard title={t('greenRoom.health.heading')} id="green-room-health">
      <Group gap="sm" mb="sm">
        <Text>{t('greenRoom.health.status')}</Text>
        <Badge color={STATUS_COLOR[status]} size="lg" role="status">
          {t(`greenRoom.status.${status}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t(`greenRoom.statusHelp.${status}`)}
      </Text>
      {h && status !== 'waiting-for-obs' ? (
        <dl className="facts" aria-label={t('greenRoom.health.figures')}>
          <dt>{t('greenRoom.health.bitrate')}</dt>
          <dd>{t('greenRoom.health.kbps', { value: f.number(h.bitrateKbps) })}</dd>
          <dt>{t('greenRoom.health.fps')}</dt>
          <dd>{f.number(h.fps)}</dd>
          <dt>{t('greenRoom.health.dropped')}</dt>
          <dd>{f.number(h.droppedFrames)}</dd>
          <dt>{t('greenRoom.health.resolution')}</dt>
          <dd>{h.width && h.height ? `${h.width}×${h.height}` : t('greenRoom.health.unknown')}</dd>
          <dt>{t('greenRoom.health.keyframes')}</dt>
          <dd>
            {h.keyframeIntervalS !== undefined
              ? t('greenRoom.health.seconds', { value: f.number(h.keyframeIntervalS) })
              : t('greenRoom.health.unknown')}
          </dd>
          {h.reportedAt ? (
            <>
              <dt>{t('greenRoom.health.reportedAt')}</dt>
              <dd>{new Date(h.reportedAt).toLocaleTimeString(i18n.resolvedLanguage)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {view.keyframeWarning && h?.keyframeIntervalS !== undefined ? (
        <Alert color="orange" variant="light" mt="sm" title={t('greenRoom.health.keyframeWarningTitle')}>
          {t('greenRoom.health.keyframeWarning', {
            value: f.number(h.keyframeIntervalS),
            segment: f.number(view.segmentSeconds),
          })}
        </Alert>
      ) : null}
    </GreenRoomCard>
  );
}
