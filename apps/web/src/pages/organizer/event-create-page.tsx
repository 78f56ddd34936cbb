import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { EventView } from '../../api/console-types';
import { PageHeading } from '../../components/page-heading';
import { browserTimeZone } from '../../format/zoned-time';
import { EventForm, TIME_ZONE_STORAGE_KEY } from './event-form';

export default function EventCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageHeading title={t('eventCreate.title')} description={t('eventCreate.intro')} />
      <EventForm
        draftKey="event:new"
        initial={() => ({
          title: '',
          description: '',
          mode: 'live',
          playAsLive: false,
          timeZone: localStorage.getItem(TIME_ZONE_STORAGE_KEY) ?? browserTimeZone(),
          startsAt: '',
          endsAt: '',
          attendeeLimit: '',
        })}
        submitLabel={t('eventCreate.submit')}
        cancelTo="/events"
        save={async (body) => {
          const created = await unwrap<EventView>(api.POST('/api/events', { body }));
          await queryClient.invalidateQueries({ queryKey: ['events'] });
          notifications.show({ color: 'green', message: t('eventCreate.saved', { title: created.title }) });
          void navigate(`/events/${created.id}`);
        }}
      />
    </>
  );
}
