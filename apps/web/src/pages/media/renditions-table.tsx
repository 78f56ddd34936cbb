import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MediaAsset } from '../../api/media';
import { formatBitrate, formatBytes } from './media-units';

/** The ladder the transcode produced: one row per rendition with its resolution, bitrates and size. */
export function RenditionsTable({ renditions }: { renditions: MediaAsset['renditions'] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return (
    <section aria-labelledby="media-renditions-heading">
      <Title order={2} size="h4" id="media-renditions-heading" mb="sm">
        {t('media.renditions.heading', { count: renditions.length })}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-labelledby="media-renditions-heading">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('media.renditions.name')}</Table.Th>
              <Table.Th>{t('media.renditions.resolution')}</Table.Th>
              <Table.Th ta="right">{t('media.renditions.average')}</Table.Th>
              <Table.Th ta="right">{t('media.renditions.peak')}</Table.Th>
              <Table.Th>{t('media.renditions.codecs')}</Table.Th>
              <Table.Th ta="right">{t('media.renditions.size')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {renditions.map((r) => (
              <Table.Tr key={r.name}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>
                  {r.width && r.height ? `${r.width} × ${r.height}` : t('media.renditions.audioOnly')}
                </Table.Td>
                <Table.Td ta="right">{formatBitrate(locale, r.averageBandwidth)}</Table.Td>
                <Table.Td ta="right">{formatBitrate(locale, r.bandwidth)}</Table.Td>
                <Table.Td>
                  <code>{r.codecs}</code>
                </Table.Td>
                <Table.Td ta="right">{formatBytes(locale, r.bytes)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
