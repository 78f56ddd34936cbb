import { Alert, Button, Group, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { EventView } from '../../api/console-types';
import { eventQuery, type PresenterView } from '../../api/queries';
import { useSession } from '../../auth/use-session';
import { CapacityGauge } from '../../capacity/capacity-gauge';
import { useCapacity } from '../../capacity/use-capacity';
import { ConfirmButton } from '../../components/confirm-button';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { CapCountdown } from './cap-countdown';
import { ChatModerationCard } from './chat-moderation-card';
import { QuestionsCard } from './questions-card';
import { GreenRoomCard } from './green-room-card';
import { LivePreview } from './live-preview';
import { ObsSettingsCard } from './obs-settings-card';
import { StreamHealthCard } from './stream-health-card';

/** How often the presenter's view is read again: ingest reports health every few seconds. */
export const PRESENTER_REFRESH_MS = 2000;

export function presenterQuery(id: string, open: boolean) {
  return {
    queryKey: ['events', id, 'live'],
    queryFn: () => unwrap<PresenterView>(api.GET('/api/events/{id}/live', { params: { path: { id } } })),
    refetchInterval: open ? PRESENTER_REFRESH_MS : (false as const),
  };
}

/** The presenter's backstage: what to type into OBS, whether the stream arrives and how well, what viewers see. */
export default function GreenRoomPage() {
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const event = useQuery(eventQuery(eventId));
  return (
    <QueryState query={event} notFound={t('greenRoom.notFound')}>
      {(e) => <GreenRoom event={e} />}
    </QueryState>
  );
}

function GreenRoom({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const open = e.state === 'scheduled' || e.state === 'live';
  const presenter = useQuery(presenterQuery(e.id, open));
  const capacity = useCapacity(e.id, e.state === 'live');
  const p = presenter.data;
  // The event's own state changes under this page (OBS went live, the cap ended it): follow the presenter view.
  const state = p?.state ?? e.state;
  const isOwner = session?.user.id === e.organizerId;

  const endWebcast = async () => {
    await unwrap(api.POST('/api/events/{id}/end', { params: { path: { id: e.id } } }));
    await queryClient.invalidateQueries({ queryKey: ['events', e.id] });
    notifications.show({ color: 'green', message: t('greenRoom.ended', { title: e.title }) });
  };

  return (
    <>
      <PageHeading
        title={t('greenRoom.title', { title: e.title })}
        description={t('greenRoom.description')}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/events/${e.id}`} variant="default">
              {t('greenRoom.backToEvent')}
            </Button>
            {isOwner && state === 'live' ? (
              <ConfirmButton
                label={t('greenRoom.end')}
                title={t('greenRoom.endTitle', { title: e.title })}
                body={t('greenRoom.endBody')}
                keepLabel={t('greenRoom.endKeep')}
                confirmLabel={t('greenRoom.endConfirm')}
                variant="filled"
                onConfirm={endWebcast}
              />
            ) : null}
          </Group>
        }
      />
      {e.mode !== 'live' ? (
        <Alert color="blue" title={t('greenRoom.onDemandTitle')}>
          {t('greenRoom.onDemandBody')}
        </Alert>
      ) : (
        <QueryState query={presenter}>
          {(view) => (
            <Stack gap="lg">
              <CapCountdown cutoffAt={view.cutoffAt} live={state === 'live'} />
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <LivePreview view={view} title={e.title} />
                <StreamHealthCard view={view} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                {isOwner ? <ObsSettingsCard event={e} view={view} /> : null}
                <GreenRoomCard title={t('greenRoom.audience')} id="green-room-audience">
                  {capacity.data ? <CapacityGauge {...capacity.data} /> : null}
                </GreenRoomCard>
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <QuestionsCard eventId={e.id} live={state === 'live'} />
                <ChatModerationCard eventId={e.id} live={state === 'live'} />
              </SimpleGrid>
            </Stack>
          )}
        </QueryState>
      )}
    </>
  );
}
