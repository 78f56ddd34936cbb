import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { EventView } from '../../api/console-types';
import { eventLiveQuery, eventQuery } from '../../api/queries';
import { useSession } from '../../auth/use-session';
import { ConfirmButton } from '../../components/confirm-button';
import { CopyField } from '../../components/copy-field';
import { StreamKeyField } from '../../components/stream-key-field';
import { EventStateBadge } from '../../components/event-state-badge';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { formatDuration } from '../../format/duration';
import { useFormat } from '../../format/format';
import { browserTimeZone } from '../../format/zoned-time';
import { RegistrantsTable } from './registrants-table';

export default function EventDetailPage() {
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const event = useQuery(eventQuery(eventId));
  return (
    <QueryState query={event} notFound={t('eventDetail.notFound')}>
      {(e) => <EventDetail event={e} />}
    </QueryState>
  );
}

function EventDetail({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useSession();
  const queryClient = useQueryClient();
  const isOwner = session?.user.id === e.organizerId;
  const open = e.state === 'scheduled' || e.state === 'live';
  const zone = browserTimeZone();

  const refresh = (saved: EventView) => {
    queryClient.setQueryData(eventQuery(e.id).queryKey, saved);
    return queryClient.invalidateQueries({ queryKey: ['events'] });
  };

  return (
    <>
      <PageHeading
        title={e.title}
        description={
          <Group gap="xs" component="span">
            <EventStateBadge state={e.state} />
            <span>{e.playAsLive ? t('eventMode.simulive') : t(`eventMode.${e.mode}`)}</span>
          </Group>
        }
        actions={
          <>
            {e.state === 'live' || e.state === 'ended' ? (
              <Button component={Link} to={`/events/${e.id}/report`} variant="default">
                {t('report.link')}
              </Button>
            ) : null}
            {isOwner && e.state === 'scheduled' && e.mode === 'on-demand' ? (
              <ConfirmButton
                label={t('eventDetail.open')}
                title={t('eventDetail.openTitle', { title: e.title })}
                body={e.playAsLive ? t('eventDetail.openBodySimulive') : t('eventDetail.openBody')}
                keepLabel={t('eventDetail.openKeep')}
                confirmLabel={t('eventDetail.openConfirm')}
                variant="filled"
                color="blue"
                onConfirm={async () => {
                  const saved = await unwrap<EventView>(
                    api.POST('/api/events/{id}/start', { params: { path: { id: e.id } } }),
                  );
                  await refresh(saved);
                  notifications.show({ color: 'green', message: t('eventDetail.opened', { title: e.title }) });
                }}
              />
            ) : null}
            {isOwner && e.state === 'scheduled' ? (
              <Button component={Link} to={`/events/${e.id}/edit`} variant="default">
                {t('eventDetail.edit')}
              </Button>
            ) : null}
            {e.state === 'scheduled' ? (
              <ConfirmButton
                label={t('eventDetail.cancel')}
                title={t('eventDetail.cancelTitle', { title: e.title })}
                body={t('eventDetail.cancelBody')}
                keepLabel={t('eventDetail.cancelKeep')}
                confirmLabel={t('eventDetail.cancelConfirm')}
                onConfirm={async () => {
                  const saved = await unwrap<EventView>(
                    api.POST('/api/events/{id}/cancel', { params: { path: { id: e.id } } }),
                  );
                  await refresh(saved);
                  notifications.show({ color: 'green', message: t('eventDetail.cancelled', { title: e.title }) });
                }}
              />
            ) : null}
          </>
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('eventDetail.schedule')}
            </Title>
            <dl className="facts">
              <dt>{t('eventDetail.starts')}</dt>
              <dd>{f.dateTime(e.startsAt, zone)}</dd>
              <dt>{t('eventDetail.ends')}</dt>
              <dd>{f.dateTime(e.endsAt, zone)}</dd>
              <dt>{t('eventDetail.duration')}</dt>
              <dd>{formatDuration(t, Date.parse(e.endsAt) - Date.parse(e.startsAt))}</dd>
              <dt>{t('eventDetail.timeZone')}</dt>
              <dd>{f.timeZoneName(zone, new Date(e.startsAt))}</dd>
              <dt>{t('eventDetail.attendeeLimit')}</dt>
              <dd>{f.number(e.attendeeLimit)}</dd>
              {e.actualStartAt ? (
                <>
                  <dt>{t('eventDetail.actualStart')}</dt>
                  <dd>{f.dateTime(e.actualStartAt, zone)}</dd>
                </>
              ) : null}
              {e.endedAt ? (
                <>
                  <dt>{t('eventDetail.endedAt')}</dt>
                  <dd>{f.dateTime(e.endedAt, zone)}</dd>
                </>
              ) : null}
            </dl>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('eventDetail.registration')}
            </Title>
            <Stack gap="sm">
              <Text size="sm">{t('eventDetail.registrationHelp')}</Text>
              <CopyField
                label={t('eventDetail.registrationLink')}
                value={e.registrationUrl}
                copyLabel={t('eventDetail.copyLink')}
              />
            </Stack>
          </Card>
        </SimpleGrid>
        {isOwner && e.mode === 'live' && open ? <StreamSettings event={e} onRotated={refresh} /> : null}
        <RegistrantsTable event={e} />
      </Stack>
    </>
  );
}

function StreamSettings({ event: e, onRotated }: { event: EventView; onRotated: (saved: EventView) => Promise<void> }) {
  const { t } = useTranslation();
  const live = useQuery(eventLiveQuery(e.id));
  const key = e.streamKey ?? '';
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('eventDetail.streaming')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('eventDetail.streamingHelp')}</Text>
        {live.data ? (
          <CopyField label={t('eventDetail.rtmpServer')} value={live.data.obs.server} copyLabel={t('common.copy')} />
        ) : null}
        <StreamKeyField eventId={e.id} streamKey={key} canRotate onRotated={onRotated} />
        <Button component={Link} to={`/events/${e.id}/green-room`} variant="filled" w="fit-content">
          {t('greenRoom.open')}
        </Button>
      </Stack>
    </Card>
  );
}
