import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { EventView } from '../../api/console-types';
import { eventQuery } from '../../api/queries';
import { PageHeading } from '../../components/page-heading';
import { QueryState } from '../../components/query-state';
import { browserTimeZone, instantToWallTime } from '../../format/zoned-time';
import { EventForm, TIME_ZONE_STORAGE_KEY } from './event-form';

export default function EventEditPage() {
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const event = useQuery(eventQuery(eventId));
  return (
    <QueryState query={event} notFound={t('eventDetail.notFound')}>
      {(e) => (
        <>
          <PageHeading title={t('eventEdit.title', { title: e.title })} />
          {e.state !== 'scheduled' ? (
            <Alert color="yellow" variant="light" role="status">
              {t('eventEdit.notEditable', { state: t(`eventState.${e.state}`) })}
            </Alert>
          ) : (
            <EventForm
              draftKey={`event:${e.id}`}
              editing={e}
              initial={() => {
                const timeZone = localStorage.getItem(TIME_ZONE_STORAGE_KEY) ?? browserTimeZone();
                return {
                  title: e.title,
                  description: e.description,
                  mode: e.mode,
                  playAsLive: e.playAsLive,
                  timeZone,
                  startsAt: instantToWallTime(new Date(e.startsAt), timeZone),
                  endsAt: instantToWallTime(new Date(e.endsAt), timeZone),
                  attendeeLimit: e.attendeeLimit,
                };
              }}
              submitLabel={t('eventEdit.submit')}
              cancelTo={`/events/${e.id}`}
              save={async (body) => {
                const saved = await unwrap<EventView>(
                  api.PATCH('/api/events/{id}', { params: { path: { id: e.id } }, body }),
                );
                await queryClient.invalidateQueries({ queryKey: ['events'] });
                notifications.show({ color: 'green', message: t('eventEdit.saved', { title: saved.title }) });
                void navigate(`/events/${saved.id}`);
              }}
            />
          )}
        </>
      )}
    </QueryState>
  );
}
