import { Anchor, Card, Group, Image, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { deleteMedia, followMediaAsset, mediaAssetQuery, type MediaAsset } from '../../api/media';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmButton } from '../../components/confirm-button';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { useFormat } from '../../format/format';
import { AttachEvent } from './attach-event';
import { FailureReason } from './failure-reason';
import { MediaPreview } from './media-preview';
import { MediaStateBadge } from './media-state-badge';
import { formatBytes, formatClock } from './media-units';
import { RenditionsTable } from './renditions-table';
import { TranscodeProgress } from './transcode-progress';

export default function MediaAssetPage() {
  const { t } = useTranslation();
  const { assetId = '' } = useParams();
  const asset = useQuery(mediaAssetQuery(assetId));
  return (
    <QueryState query={asset} notFound={t('media.asset.notFound')}>
      {(a) => <MediaAssetDetail asset={a} />}
    </QueryState>
  );
}

function MediaAssetDetail({ asset: a }: { asset: MediaAsset }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const f = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [streamError, setStreamError] = useState<unknown>(null);
  // While it transcodes, the push channel keeps this page (and the list's cache) current. (An asset still waiting
  // for its file has nothing to push until someone uploads it, from this console's library page.)
  const transcoding = a.state === 'queued' || a.state === 'processing';
  useEffect(() => {
    if (!transcoding) return;
    return followMediaAsset(a.id, queryClient, setStreamError);
  }, [a.id, transcoding, queryClient]);

  return (
    <>
      <PageHeading
        title={a.title}
        description={
          <Group gap="xs" component="span">
            <MediaStateBadge state={a.state} />
            <Anchor component={Link} to="/media" size="sm">
              {t('media.asset.back')}
            </Anchor>
          </Group>
        }
        actions={
          <ConfirmButton
            label={t('media.asset.delete')}
            title={t('media.asset.deleteTitle', { title: a.title })}
            body={t('media.asset.deleteBody')}
            keepLabel={t('media.asset.deleteKeep')}
            confirmLabel={t('media.asset.deleteConfirm')}
            onConfirm={async () => {
              await deleteMedia(a.id);
              queryClient.removeQueries({ queryKey: mediaAssetQuery(a.id).queryKey });
              await queryClient.invalidateQueries({ queryKey: ['media'] });
              notifications.show({ color: 'green', message: t('media.asset.deleted', { title: a.title }) });
              void navigate('/media');
            }}
          />
        }
      />
      <Stack gap="xl">
        {a.state === 'uploading' ? <Text>{t('media.progress.uploading')}</Text> : null}
        {a.state === 'queued' || a.state === 'processing' ? <TranscodeProgress asset={a} /> : null}
        {streamError ? <ApiErrorAlert error={streamError} /> : null}
        {a.state === 'failed' ? <FailureReason asset={a} /> : null}
        {a.state === 'ready' ? <MediaPreview asset={a} /> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card withBorder component="section" aria-labelledby="media-facts-heading">
            <Title order={2} size="h4" id="media-facts-heading" mb="sm">
              {t('media.asset.details')}
            </Title>
            <dl className="facts">
              <dt>{t('media.columns.duration')}</dt>
              <dd>{a.durationS === null ? '—' : formatClock(a.durationS)}</dd>
              <dt>{t('media.asset.sourceSize')}</dt>
              <dd>{a.sourceBytes === null ? '—' : formatBytes(locale, a.sourceBytes)}</dd>
              <dt>{t('media.asset.totalSize')}</dt>
              <dd>{a.totalBytes === null ? '—' : formatBytes(locale, a.totalBytes)}</dd>
              <dt>{t('media.columns.created')}</dt>
              <dd>{f.dateTime(a.createdAt)}</dd>
              <dt>{t('media.asset.readyAt')}</dt>
              <dd>{a.readyAt ? f.dateTime(a.readyAt) : '—'}</dd>
            </dl>
            {a.posterUrl ? (
              <Image
                src={a.posterUrl}
                alt={t('media.asset.poster', { title: a.title })}
                mt="md"
                maw={320}
                radius="sm"
              />
            ) : null}
          </Card>
          <AttachEvent asset={a} />
        </SimpleGrid>
        {a.renditions.length > 0 ? <RenditionsTable renditions={a.renditions} /> : null}
      </Stack>
    </>
  );
}
