import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isTranscoding, mediaAssetsQuery } from '../../api/media';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import { MediaStateBadge } from './media-state-badge';
import { formatClock } from './media-units';
import { TranscodeProgress } from './transcode-progress';
import { UploadForm } from './upload-form';

/** The media library: upload a video, and every asset with its state (the organizer's own; the account's for an administrator). */
export default function MediaLibraryPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const assets = useQuery(mediaAssetsQuery());
  return (
    <>
      <PageHeading title={t('media.library.title')} description={t('media.library.description')} />
      <Stack gap="xl">
        <UploadForm />
        <section aria-labelledby="media-assets-heading">
          <Title order={2} size="h3" id="media-assets-heading" mb="sm">
            {t('media.library.assets')}
          </Title>
          <QueryState query={assets}>
            {(list) =>
              list.length === 0 ? (
                <Text c="dimmed">{t('media.library.none')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={640}>
                  <Table striped highlightOnHover aria-labelledby="media-assets-heading">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('media.columns.title')}</Table.Th>
                        <Table.Th>{t('media.columns.state')}</Table.Th>
                        <Table.Th>{t('media.columns.progress')}</Table.Th>
                        <Table.Th>{t('media.columns.duration')}</Table.Th>
                        <Table.Th>{t('media.columns.created')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.map((a) => (
                        <Table.Tr key={a.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/media/${a.id}`}>
                              {a.title}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>
                            <MediaStateBadge state={a.state} />
                          </Table.Td>
                          <Table.Td>
                            {isTranscoding(a.state) && a.state !== 'uploading' ? (
                              <TranscodeProgress asset={a} compact />
                            ) : a.state === 'ready' ? (
                              t('media.progress.done')
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                          <Table.Td>{a.durationS === null ? '—' : formatClock(a.durationS)}</Table.Td>
                          <Table.Td>{f.dateTime(a.createdAt)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryState>
        </section>
      </Stack>
    </>
  );
}
