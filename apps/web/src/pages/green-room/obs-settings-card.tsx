import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RECOMMENDED_ENCODER_SETTINGS, RECOMMENDED_KEYFRAME_INTERVAL_S } from '#domain';
import type { EventView } from '../../api/console-types';
import type { PresenterView } from '../../api/queries';
import { CopyField } from '../../components/copy-field';
import { StreamKeyField } from '../../components/stream-key-field';
import { useFormat } from '../../format/format';
import { GreenRoomCard } from './green-room-card';

/** What to type into OBS (Settings → Stream and Output), with copy buttons, and the key's rotation. */
export function ObsSettingsCard({ event: e, view }: { event: EventView; view: PresenterView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const open = view.state === 'scheduled' || view.state === 'live';
  return (
    <GreenRoomCard title={t('greenRoom.obs.heading')} id="green-room-obs">
      <Stack gap="sm">
        <Text size="sm">{t('greenRoom.obs.help')}</Text>
        <CopyField label={t('eventDetail.rtmpServer')} value={view.obs.server} copyLabel={t('common.copy')} />
        <StreamKeyField eventId={e.id} streamKey={view.obs.streamKey ?? ''} canRotate={open} />
        <Text size="sm" fw={600} mt="xs">
          {t('greenRoom.obs.encoderHeading')}
        </Text>
        <Text size="sm">{t('greenRoom.obs.encoderHelp', { seconds: f.number(RECOMMENDED_KEYFRAME_INTERVAL_S) })}</Text>
        <Table striped withTableBorder fz="sm">
          <Table.Caption>{t('greenRoom.obs.encoderCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('greenRoom.obs.resolution')}</Table.Th>
              <Table.Th scope="col">{t('greenRoom.obs.frameRate')}</Table.Th>
              <Table.Th scope="col">{t('greenRoom.obs.videoBitrate')}</Table.Th>
              <Table.Th scope="col">{t('greenRoom.obs.audioBitrate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {RECOMMENDED_ENCODER_SETTINGS.map((p) => (
              <Table.Tr key={p.height}>
                <Table.Th scope="row">{p.resolution}</Table.Th>
                <Table.Td>{f.number(p.frameRate)}</Table.Td>
                <Table.Td>{t('greenRoom.health.kbps', { value: f.number(p.videoKbps) })}</Table.Td>
                <Table.Td>{t('greenRoom.health.kbps', { value: f.number(p.audioKbps) })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </GreenRoomCard>
  );
}
